import { openTranslationJob } from '../documents/app/translation-handoff';
import { TranslationStepInput } from '../documents/steps';
import { stepHandler } from '../shared/step-handler';

export const handler = stepHandler(TranslationStepInput, openTranslationJob);

import { TranslationStepInput } from '../documents/steps';
import { stepHandler } from '../shared/step-handler';
import { translationHandoff } from './roots/translation-handoff';

export const handler = stepHandler(TranslationStepInput, (input) => translationHandoff.openTranslationJob(input));

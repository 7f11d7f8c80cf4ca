// The account's records take their ids like every record of the app (shared/record-ids.ts).
export { newId } from '../../shared/record-ids';

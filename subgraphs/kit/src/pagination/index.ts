export { decodeCursor, encodeCursor } from './cursor';
export { type Page, toPage } from './page';
export { checkPageSize } from './pageSize';

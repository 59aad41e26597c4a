import * as path from 'path';

/** The repository's root. */
export const REPO = path.join(__dirname, '..');
/** The test fixtures. */
export const FIXTURES = path.join(__dirname, 'fixtures');

/**
 * The studio's IndexedDB by name and schema version: a module of its own (no upgrade code), so
 * that the first read (first-read.ts), which runs before the studio's code has loaded, can
 * check the version it finds. db.ts has one upgrade step per version (its test checks the count).
 */
export const DB_NAME = 'qwen-image-studio'
export const DB_VERSION = 4

/**
 * The browser build's `files.ts`: no file system. Each call throws one error that says what needs
 * Node and what to do in a browser instead; `path.dirname` only splits, so the first file call is
 * the one that reports.
 */
const noFiles = (): never => {
  throw new Error(
    '@lnn/systems: writeDataset and readDataset need Node.js\'s file system, which a browser does not have. ' +
      'In a browser, use encodeDataset / decodeDataset on bytes you fetch, store or download yourself.',
  );
};

export const mkdirSync = noFiles;
export const readFileSync = noFiles;
export const renameSync = noFiles;
export const rmSync = noFiles;
export const writeFileSync = noFiles;
export const path = { dirname: (file: string): string => file.slice(0, Math.max(0, file.lastIndexOf('/'))) };

/**
 * The browser build's `files.ts`: no file system. Each call throws one error that says what needs
 * Node and what to do in a browser instead; `path.join` only joins, so the first file call is the
 * one that reports.
 */
const noFiles = (): never => {
  throw new Error(
    '@lnn/lagrangian: saving and loading model folders (saveModel, loadModel) and training checkpoints (train\'s options.checkpoint) need Node.js\'s file system, which a browser does not have. ' +
      'In a browser, build the model from its configuration (e.g. new MlpLagrangian(config)) and set its weights with assignVariables, and train without options.checkpoint.',
  );
};

export const existsSync = noFiles;
export const mkdirSync = noFiles;
export const readFileSync = noFiles;
export const renameSync = noFiles;
export const rmSync = noFiles;
export const writeFileSync = noFiles;
export const path = { join: (...parts: string[]): string => parts.join('/') };

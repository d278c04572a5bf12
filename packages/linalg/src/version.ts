/** The version of this package. */
export const version: string = __LNN_VERSION__;

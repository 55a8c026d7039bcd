// The one failure the ports driver reports: what went wrong and what to
// do about it (a package to install, a command to run). The driver prints
// its message alone, without a stack: the stack would tell a user of
// `npm run ports` nothing.

export class PortError extends Error {
  name = 'PortError';
}

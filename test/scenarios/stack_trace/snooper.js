// Tries to learn more through the stack machinery than its own frames:
// the runtime's or other components' files, host paths, V8's call sites.
// An attempt escapes when it yields something; a line "snoop NAME: denied"
// means it failed as it must.

const got = (value) => {
  if (value === undefined || value === null || value === '') throw new Error('nothing reached');
  return value;
};

/* What a stack must not name: the host's paths and files, the runtime's and SES's frames, another component's files. */
const LEAK = /file:|node:|\/|\\|runtime\.js|ses\.js|worker|chain\.ts|at_start|adder/;
const leaked = (stack) => got(LEAK.test(stack) ? stack : undefined);
/* The files a stack's frames name. */
const files = (stack) => [...stack.matchAll(/\(([^()]*?):\d+:\d+\)$|at ([^()]*?):\d+:\d+$/gm)].map((m) => m[1] ?? m[2]);

const caught = (run) => {
  try { run(); } catch (error) { return error; }
  throw new Error('nothing thrown');
};

let env_;
const attempts = {
  'Error.prepareStackTrace is called': () => {
    let sites;
    Error.prepareStackTrace = (_error, callSites) => { sites = callSites; return 'mine'; };
    const stack = new Error('probe').stack;
    return got(sites ?? (stack === 'mine' ? stack : undefined));
  },
  'Error.prepareStackTrace read back formats': () => {
    const prepare = Error.prepareStackTrace;
    return got(typeof prepare === 'function' ? prepare(new Error('probe'), []) : undefined);
  },
  'Error.captureStackTrace frames': () => {
    const holder = {};
    Error.captureStackTrace(holder);
    return got(holder.stack);
  },
  'Error.stackTraceLimit raised': () => {
    Error.stackTraceLimit = 1000;
    return got(Error.stackTraceLimit);
  },
  'own stack names a host file': () => leaked(new Error('probe').stack),
  'stack in a timer callback names the runtime': () => new Promise((resolve, reject) => {
    setTimeout(() => { try { resolve(leaked(new Error('probe').stack)); } catch (error) { reject(error); } }, 1);
  }),
  'stack in a promise reaction names the runtime': () => Promise.resolve().then(() => leaked(new Error('probe').stack)),
  'stack of a call into env names the runtime': () => leaked(caught(() => env_.log({ get toString() { throw new Error('from a getter'); } })).stack ?? ''),
  'stack of a failed env call names the runtime': async () => {
    try { await env_.connect({ name: 'NoSuchService', methods: [] }); } catch (error) { return leaked(error.stack ?? ''); }
    throw new Error('nothing thrown');
  },
  'stack of a platform error names Node': () => leaked(caught(() => new URL('not a url')).stack),
  'stack of a platform callback names Node': () => new Promise((resolve, reject) => {
    queueMicrotask(() => { try { resolve(leaked(new Error('probe').stack)); } catch (error) { reject(error); } });
  }),
  'frames name another file than its own': () => got(files(new Error('probe').stack).find((file) => file !== 'snooper.js')),
  'frames of evaluated code name the host': () => leaked(caught(() => (0, eval)('throw new Error("evaluated")')).stack),
  'stack property of another object': () => {
    const descriptor = Object.getOwnPropertyDescriptor(new Error('probe'), 'stack');
    const getter = descriptor?.get;
    return got(typeof getter === 'function' ? leaked(String(getter.call({}))) : undefined);
  },
};

export async function construct(env) {
  env_ = env;
  let escaped = 0;
  for (const [name, attempt] of Object.entries(attempts)) {
    try {
      const result = await attempt(env);
      escaped++;
      env.log(`snoop ${name}: ESCAPED (${typeof result === 'string' ? result.split('\n').join(' | ') : typeof result})`);
    } catch {
      env.log(`snoop ${name}: denied`);
    }
  }
  env.log(`snoop attempts: ${Object.keys(attempts).length}, escaped: ${escaped}`);
}

// Logs that it is up, then idles until its parent kills it.
export function construct(env) {
  env.log('up');
}

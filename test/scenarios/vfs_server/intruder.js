// Has no policy at the vfs server: its session request is denied.
import { FileSystemConnection } from 'nido';

export async function construct(env) {
  try {
    await FileSystemConnection.open(env, { label: 'sneak' });
    env.log('intruder: session granted');
  } catch (error) {
    env.log(`intruder: ${error.name}`);
  }
}

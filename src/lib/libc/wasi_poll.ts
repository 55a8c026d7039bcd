/*
 * poll_oneoff: waits for clock timeouts and for descriptors to become
 * readable or writeable. Writes are always ready; a read is ready when
 * the VFS handle says so: a terminal when input is there, a file always,
 * except a file that tells of changes (the terminal plugin's `.NAME/info`
 * is read-ready when the size changed since the program last read it).
 * Waiting blocks the program: on one such descriptor in its handle's
 * waitReadReady (with the nearest clock timeout as limit), on clocks
 * alone in a Timer msleep. Several are looked at in turn with sleeps in
 * between, because a handle can only wait for itself (without a Timer,
 * each is waited on for a short slice in turn).
 */

import { SyscallError } from './errors.js';
import type { Descriptor, FileDescriptor } from './descriptor.js';
import type { SyscallContext, Syscalls } from './syscall_context.js';
import { ClockId, EVENT_FD_READWRITE_HANGUP, EventType, Layout, Right, SUBSCRIPTION_CLOCK_ABSTIME, WasiErrno } from './wasi_abi.js';

/*
 * Several descriptors are looked at together, with pauses between the
 * looks that grow from PAUSE_MIN_NS to SLICE_NS (as the terminal plugin
 * waits for one): each look costs a call per descriptor, so a program
 * waiting for its keyboard and its terminal's size costs a few hundred
 * calls a second and sees either within 10 ms.
 */
const PAUSE_MIN_NS = 1_000_000n;
const SLICE_NS = 10_000_000n;

interface ClockSubscription {
  readonly userdata: bigint;
  /** Monotonic nanoseconds at which it fires. */
  readonly deadline: bigint;
}

interface FdSubscription {
  readonly userdata: bigint;
  readonly type: number;
  readonly descriptor: Descriptor;
}

interface PollEvent {
  readonly userdata: bigint;
  readonly error: number;
  readonly type: number;
  readonly nbytes: bigint;
  readonly flags: number;
}

function readiness(subscription: FdSubscription): PollEvent | undefined {
  const { descriptor, userdata, type } = subscription;
  const event = (nbytes: bigint, flags = 0): PollEvent => ({ userdata, error: 0, type, nbytes, flags });
  if (type === EventType.FD_WRITE) return event(0n);
  if (descriptor.kind === 'nowhere') return event(0n, EVENT_FD_READWRITE_HANGUP);
  if (descriptor.kind === 'directory') return event(0n);
  if (!descriptor.handle.readReady()) return undefined;
  /* The VFS says whether a read would block, not how much a terminal has: one byte at least. */
  if (descriptor.terminal) return event(1n);
  const size = descriptor.handle.stat().size;
  return event(BigInt(Math.max(0, size - descriptor.offset)));
}

export function pollSyscalls(context: SyscallContext): Syscalls {
  const { memory, descriptors, clocks } = context;

  return {
    poll_oneoff(inPtr: number, outPtr: number, count: number, neventsPtr: number) {
      if (count === 0) throw new SyscallError(WasiErrno.INVAL, 'poll without subscriptions');
      const immediate: PollEvent[] = [];
      const timeouts: ClockSubscription[] = [];
      const fds: FdSubscription[] = [];

      for (let i = 0; i < count; i++) {
        const at = inPtr + i * Layout.SUBSCRIPTION;
        const userdata = memory.u64(at);
        const type = memory.u8(at + 8);
        if (type === EventType.CLOCK) {
          const id = memory.u32(at + 16);
          const timeout = memory.u64(at + 24);
          const absolute = (memory.u16(at + 40) & SUBSCRIPTION_CLOCK_ABSTIME) !== 0;
          try {
            const now = clocks.now(id);
            const monotonic = id === ClockId.MONOTONIC ? now : clocks.monotonic();
            const wait = absolute ? timeout - now : timeout;
            timeouts.push({ userdata, deadline: monotonic + (wait > 0n ? wait : 0n) });
          } catch (error) {
            if (!(error instanceof SyscallError)) throw error;
            immediate.push({ userdata, error: error.errno, type, nbytes: 0n, flags: 0 });
          }
        } else if (type === EventType.FD_READ || type === EventType.FD_WRITE) {
          const fd = memory.u32(at + 16);
          try {
            fds.push({ userdata, type, descriptor: descriptors.get(fd, Right.POLL_FD_READWRITE) });
          } catch (error) {
            if (!(error instanceof SyscallError)) throw error;
            immediate.push({ userdata, error: error.errno, type, nbytes: 0n, flags: 0 });
          }
        } else {
          throw new SyscallError(WasiErrno.INVAL, `unknown subscription type ${type}`);
        }
      }

      const deadline = timeouts.reduce<bigint | undefined>((nearest, t) => nearest === undefined || t.deadline < nearest ? t.deadline : nearest, undefined);
      const waiting = fds
        .filter((s) => s.type === EventType.FD_READ && s.descriptor.kind === 'file')
        .map((s) => s.descriptor as FileDescriptor);
      let events = immediate;
      let pause = PAUSE_MIN_NS;
      for (let turn = 0; ; turn++) {
        const ready = fds.map(readiness).filter((event): event is PollEvent => event !== undefined);
        const now = timeouts.length > 0 ? clocks.monotonic() : 0n;
        const fired = timeouts.filter((t) => t.deadline <= now)
          .map((t): PollEvent => ({ userdata: t.userdata, error: 0, type: EventType.CLOCK, nbytes: 0n, flags: 0 }));
        events = [...immediate, ...ready, ...fired];
        if (events.length > 0) break;
        const remaining = deadline === undefined ? undefined : deadline - now;
        if (waiting.length === 0) {
          /* Unreachable: without descriptors to wait for, something is always ready or a clock is pending. */
          if (remaining === undefined) break;
          clocks.sleep(remaining);
        } else if (waiting.length === 1) {
          (waiting[0] as FileDescriptor).handle.waitReadReady(remaining);
        } else {
          const slice = remaining === undefined || remaining > pause ? pause : remaining;
          if (clocks.available) clocks.sleep(slice);
          else (waiting[turn % waiting.length] as FileDescriptor).handle.waitReadReady(slice);
          pause = pause * 2n < SLICE_NS ? pause * 2n : SLICE_NS;
        }
      }

      for (let i = 0; i < events.length; i++) {
        const event = events[i] as PollEvent;
        const at = outPtr + i * Layout.EVENT;
        memory.slice(at, Layout.EVENT).fill(0);
        memory.setU64(at, event.userdata);
        memory.setU16(at + 8, event.error);
        memory.setU8(at + 10, event.type);
        memory.setU64(at + 16, event.nbytes);
        memory.setU16(at + 24, event.flags);
      }
      memory.setU32(neventsPtr, events.length);
    },
  };
}

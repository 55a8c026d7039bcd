/*
 * The 'nido' library: what every component can import.
 *
 * Everything here is pure: interfaces, helpers and types. Authority comes
 * only through the `env` a component's construct function receives.
 *
 *   import { Timer } from 'nido';
 *   export async function construct(env) {
 *     const timer = await env.connect(Timer);
 *     await timer.client.msleep(100);
 *     env.log('slept');
 *   }
 */

export * from './errors.js';
export { defineInterface } from './interface.js';
export type { Interface, Client, SyncClient, Implementation } from './interface.js';
export type { Capability, SignalContextCapability } from './capability.js';
export { SignalSlot } from './signal_slot.js';
export type { SignalSender } from './signal_slot.js';
export { dataspaceText, dataspaceBytes } from './dataspace.js';
export type { DataspaceHandle } from './dataspace.js';
export type { Env, Entrypoint } from './env.js';
export type { Connection, ConnectOptions } from './connection.js';
export type { AttachedRom } from './attached_rom.js';
export { LocalRom } from './local_rom.js';
export { ServiceSession } from './service_session.js';
export { Slave } from './slave.js';
export type { SlaveOptions, SlaveConnectOptions, SlaveConnection } from './slave.js';
export { Child, ChildSession, SESSION_COSTS, ENV_RAM, ENV_CAPS } from './child.js';
export type { ChildPolicy, ChildOptions, ProvidedSession, Route, SessionRequest } from './child.js';
export type { SessionState } from './session_state.js';
export type { RootOptions, SessionFactory, SessionHooks } from './root_component.js';
export { interpose, forwarder, INTERPOSER_SESSION_RAM, LimitExceeded } from './interposer.js';
export type { InterposeOptions, InterposedSession, InterposedCall, CallHooks, CallOutcome, ForwarderOptions } from './interposer.js';

export { Log, LOG_SESSION_RAM, LOG_SESSION_CAPS } from '../session/log/interface.js';
export { Rom } from '../session/rom/interface.js';
export { Timer } from '../session/timer/interface.js';
export { Loader, LOADER_SESSION_COSTS, ViewDoesNotExist } from '../session/loader/interface.js';
export type { LoaderState } from '../session/loader/interface.js';
export { subsystemModules } from '../session/loader/modules.js';
export { Report } from '../session/report/interface.js';
export { Terminal, TERMINAL_SESSION_RAM, TERMINAL_SESSION_CAPS } from '../session/terminal/interface.js';
export type { TerminalSize } from '../session/terminal/interface.js';
export { Pd } from '../session/pd/interface.js';
export type { ExitInfo, MonitorPolicy, PdQuota, Quota } from '../session/pd/interface.js';
export { Cpu } from '../session/cpu/interface.js';
export { Parent, ENV_PD, ENV_CPU, ENV_LOG, ENV_BINARY, ENV_LINKER, FIRST_DYNAMIC_ID } from '../session/parent/interface.js';
export { Root } from '../session/root/interface.js';
export { Gui, View, GUI_SESSION_RAM, GUI_SESSION_CAPS, MAX_VIEWS, MAX_TITLE_LENGTH } from '../session/gui/interface.js';
export type { GuiCommand, ViewAttributes } from '../session/gui/interface.js';
export { guiCommand, guiViewId, viewAttributes } from '../session/gui/command.js';
export { Framebuffer, FRAMEBUFFER_SESSION_CAPS, BYTES_PER_PIXEL, MAX_MODE_EDGE, bufferBytes, invalidMode } from '../session/framebuffer/interface.js';
export type { Mode as FramebufferMode } from '../session/framebuffer/interface.js';
export { Input, INPUT_SESSION_RAM, INPUT_SESSION_CAPS, INPUT_QUEUE_LIMIT } from '../session/input/interface.js';
export { inputEvent, inputEvents, isButton } from '../session/input/event.js';
export { receiveInput } from '../session/input/receive.js';
export { InputQueue } from '../session/input/queue.js';
export type { InputEvent } from '../session/input/event.js';
export { isKeyName, keyNameOfCode, buttonNameOfMouse } from '../session/input/keycodes.js';
export type { KeyName } from '../session/input/keycodes.js';
export { Capture, CAPTURE_SESSION_RAM, CAPTURE_SESSION_CAPS } from '../session/capture/interface.js';
export { Event, EVENT_SESSION_RAM, EVENT_SESSION_CAPS, MAX_EVENT_BATCH } from '../session/event/interface.js';
export { rect, isEmpty, intersect, boundingBox, sameRect, sameArea, contains, translate, subtract, isCoordinate, isRect, formatRect, MAX_COORDINATE } from '../util/rect.js';
export type { Point, Area, Rect } from '../util/rect.js';
export { DirtyRegion } from '../util/dirty_region.js';

export { parseXml, XmlNode, XmlParseError, escapeXmlAttribute, escapeXmlText } from '../util/xml.js';
export { XmlGenerator } from '../util/xml_generator.js';
export { parseNumBytes, formatNumBytes } from '../util/num_bytes.js';
export { prefixed, lastElement, labelPrefix, scopedLabel, labelElements, withoutTrailingSeparator, LABEL_SEPARATOR } from '../util/label.js';
export { SessionArgs } from '../util/session_args.js';
export { selectPolicy, policyMatches } from '../util/policy.js';

/* File_system session (spec/runtime.md §3, docs/file_system.md): interface, packet stream, client, server helpers. */
export {
  FileSystem, InvalidHandle, InvalidName, LookupFailed, NameTooLong, NodeAlreadyExists, NoSpace, NotEmpty,
  PermissionDenied, Unavailable, STAT_ONLY, READ_ONLY, WRITE_ONLY, READ_WRITE, MAX_NAME_LENGTH, MAX_PATH_LENGTH,
  FILE_SYSTEM_SESSION_RAM, FILE_SYSTEM_SESSION_CAPS, DEFAULT_TX_BUF_SIZE, MAX_TX_BUF_SIZE,
} from '../session/file_system/interface.js';
export type { Mode, NodeType, NodeStatus, DirectoryEntry } from '../session/file_system/interface.js';
export { Opcode, SEEK_TAIL, PacketError, PacketFailed } from '../session/file_system/packet.js';
export type { Packet } from '../session/file_system/packet.js';
export { QUEUE_DEPTH, InvalidPacketStream, formatPacketStream, packetStreamSize } from '../session/file_system/packet_queue.js';
export { PacketStreamSink, PacketStreamSource, packetResultOf } from '../session/file_system/packet_stream.js';
export type { PacketHandler, PacketStreamSourceOptions } from '../session/file_system/packet_stream.js';
export { DIRECTORY_ENTRY_SIZE, encodeDirectoryEntry, decodeDirectoryEntry } from '../session/file_system/directory_entry.js';
export { InvalidPacket, packetRange, checkPacketPosition, directoryWindow } from '../session/file_system/packet_checks.js';
export type { DirectoryEntryRecord, DirectoryEntryRights } from '../session/file_system/directory_entry.js';
export { checkName, pathElements, normalizedPath } from '../session/file_system/path.js';
export { InvalidTransfer } from '../session/file_system/packet_stream_client.js';
export { FileSystemClient } from '../session/file_system/client.js';
export { BlockingFileSystemClient } from '../session/file_system/blocking_client.js';
export { FileSystemConnection, fileSystemSessionRam } from '../session/file_system/connection.js';
export type { FileSystemConnectionOptions } from '../session/file_system/connection.js';

/*
 * The C runtime for a component that drives a WebAssembly module itself
 * (a WASI reactor, such as ruby.wasm under its RubyVM; docs/libc.md): the
 * compartment has no WebAssembly global, and the VFS and WASI system must
 * be the runtime's own, whose errors the system calls recognise.
 */
export { createVfs } from '../lib/vfs/create_vfs.js';
export type { Vfs } from '../lib/vfs/interface.js';
export { compileWasm } from '../lib/libc/run_wasm.js';
export { openWasiSystem } from '../lib/libc/open_wasi_system.js';
export type { OpenedWasiSystem, OpenWasiSystemOptions } from '../lib/libc/open_wasi_system.js';
export type { WasiSystem } from '../lib/libc/wasi_system.js';
export type { LibcConfig } from '../lib/libc/libc_config.js';
export { webAssemblyFacade } from '../lib/libc/webassembly_facade.js';
export type { WebAssemblyFacade, InstanceTest } from '../lib/libc/webassembly_facade.js';
export type { WasmModule, WasmInstance, WasmImports } from '../lib/libc/webassembly.js';
export { InvalidWasmBinary, WasmTrap, LibcConfigError } from '../lib/libc/errors.js';

/* Noux session (docs/noux.md): the system calls of a process that noux runs. */
export { PIPE_BUF, PIPE_CAPACITY, PIPE_CELLS, PIPE_HEADER_BYTES, PIPE_RING_BYTES, PipeCell, pipeFill } from '../session/noux/pipe_ring.js';
export {
  Noux, NOUX_ROOT_FD, NOUX_SESSION_RAM, NOUX_SESSION_CAPS, SignalCell, PROCESS_CELLS, PROCESS_IO_BYTES, PROCESS_IO_OFFSET, PROCESS_SHARED_BYTES, signalBit,
} from '../session/noux/interface.js';
export { DESCRIPTOR_BITS, DescriptorBits, F_GETFD, F_SETFD, FD_CLOEXEC } from '../session/noux/descriptor_bits.js';
export type {
  ForkImage, ProcessStart, ExecImage, NouxStat, NouxFdStat, NouxDirEntry, PollSubscription, PollEvent, SignalAction,
} from '../session/noux/interface.js';
export type { VfsHandle, VfsStat, VfsDirEntry, VfsTimes, OpenFlags } from '../lib/vfs/interface.js';
export { VfsError } from '../lib/vfs/interface.js';

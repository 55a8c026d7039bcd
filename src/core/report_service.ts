/*
 * Core's Report service: each report becomes a file under the report
 * directory, at the path made of its label's elements (`init -> state`
 * → `init/state`). Files are replaced atomically (write, then rename), so a
 * reader never sees half a report.
 */

import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Ipc } from '../base/ipc.js';
import { RootComponent } from '../base/root_component.js';
import { InsufficientRamQuota, ServiceDenied } from '../base/errors.js';
import { Report, REPORT_SESSION_CAPS } from '../session/report/interface.js';
import { labelElements } from '../util/label.js';

/** The file of a report, relative to the report directory. */
export function reportPath(label: string): string {
  const elements = labelElements(label)
    .map((element) => element.trim().replace(/[/\\\0]/g, '_'))
    .map((element) => (element === '' || element === '.' || element === '..' ? '_' : element));
  return join(...elements);
}

/** `submitted` hears every report as it is written (core's dashboard reads init's state reports so). */
export function reportService(ipc: Ipc, reportDir: string, submitted?: (label: string, content: string) => void): RootComponent<Report> {
  let temporaries = 0;
  return new RootComponent(ipc, Report, (args) => {
    const bufferSize = args.number('buffer_size', 4096);
    if (bufferSize <= 0) throw new ServiceDenied(`zero-length report requested by ${args.label}`);
    if (args.ramQuota < bufferSize) throw new InsufficientRamQuota(`insufficient ram donation from ${args.label}`);
    const file = join(reportDir, reportPath(args.label));
    /* Reports are written in order; a newer one never overtakes an older one. */
    let writing: Promise<void> = mkdir(dirname(file), { recursive: true }).then(() => undefined);
    return {
      submit(content: string) {
        const bytes = Buffer.from(String(content), 'utf8').subarray(0, bufferSize);
        const temporary = `${file}.${process.pid}.${++temporaries}.tmp`;
        writing = writing.then(() => writeFile(temporary, bytes)).then(() => rename(temporary, file));
        submitted?.(args.label, bytes.toString('utf8'));
        return writing;
      },
    };
  }, { caps: REPORT_SESSION_CAPS });
}

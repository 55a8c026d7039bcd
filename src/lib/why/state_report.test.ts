import { test } from 'node:test';
import assert from 'node:assert/strict';
import { XmlParseError } from '../../util/xml.js';
import { parseStateReport } from './state_report.js';

test('a state report as init writes it (spec/init.md §5.1), read back with sizes in bytes', () => {
  const report = parseStateReport(`<state version="v7">
	<ram quota="14M" used="1200K" avail="12M"/>
	<caps quota="1900" used="512" avail="1388"/>
	<child name="server" binary="dummy" version="2" id="4" state="incomplete" skipped_heartbeats="3">
		<ram assigned="1M" quota="764K" used="420K" avail="344K" requested="4100K"/>
		<caps assigned="100" quota="66" used="40" avail="26" requested="4"/>
		<requested>
			<session service="LOG" label="server" state="CAP_HANDED_OUT" ram="8K" caps="2">
				<args>label="server", ram_quota=8192, cap_quota=2</args>
			</session>
		</requested>
		<provided/>
	</child>
	<child name="done" binary="dummy" exited="0"/>
	<alias name="log" child="server"/>
</state>`);
  assert.equal(report.version, 'v7');
  assert.deepEqual(report.ram, { assigned: undefined, quota: 14 * 1024 * 1024, used: 1200 * 1024, avail: 12 * 1024 * 1024, requested: undefined });
  const [server, done] = report.children;
  assert.equal(server?.incomplete, true);
  assert.equal(server?.skippedHeartbeats, 3);
  assert.equal(server?.ram?.requested, 4100 * 1024);
  assert.equal(server?.caps?.avail, 26);
  assert.deepEqual(server?.requested, [{ service: 'LOG', label: 'server', state: 'CAP_HANDED_OUT', ram: 8192, caps: 2, args: 'label="server", ram_quota=8192, cap_quota=2' }]);
  assert.deepEqual(server?.provided, []);
  assert.equal(done?.exited, 0);
  assert.equal(done?.incomplete, false);
  assert.equal(done?.requested, undefined);
});

test('the report of an overflowing buffer, and text that is no report', () => {
  assert.equal(parseStateReport('<state error="report buffer exceeded"/>').error, 'report buffer exceeded');
  assert.throws(() => parseStateReport('<state>', 'reports/init/state'), (error: unknown) => error instanceof XmlParseError && error.source === 'reports/init/state');
});

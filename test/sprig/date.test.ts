import { describe, expect, it } from 'vitest';
import { GoInt, goTypeName, int, int64, methodsOf, type GoValue } from '../../src/gotemplate/value.js';
import { dateFuncs } from '../../src/sprig/date.js';
import { caller, errOf } from './call.js';

const call = caller(dateFuncs);
const m = (v: GoValue, name: string, ...args: GoValue[]): GoValue => {
  const spec = methodsOf(v)?.get(name);
  if (!spec) throw new Error(`no method ${name}`);
  return spec.fn(v, ...args);
};
const str = (v: GoValue): string => m(v, 'String') as string;
const d0304 = (): GoValue => call('toDate', '2006-01-02', '2021-03-04');

// Expected values measured with helm 3.17.3 and helm 4.1.4 (identical; the machine's zone is UTC).
describe('toDate and printing', () => {
  it('parses in Local (UTC) and prints like time.Time.String', () => {
    expect(call('date', '2006-01-02', d0304())).toBe('2021-03-04');
    expect(str(d0304())).toBe('2021-03-04 00:00:00 +0000 UTC');
    expect(goTypeName(d0304())).toBe('time.Time');
    expect(goTypeName(call('now'))).toBe('time.Time');
    expect(str(call('toDate', '2006-01-02', 'bad'))).toBe('0001-01-01 00:00:00 +0000 UTC');
    expect(str(call('toDate', '2006-01-02T15:04:05Z07:00', '2021-03-04T05:06:07+02:00'))).toBe('2021-03-04 05:06:07 +0200 +0200');
    expect(str(call('toDate', '2006-01-02T15:04:05.000Z', '2021-03-04T05:06:07.123Z'))).toBe('2021-03-04 05:06:07.123 +0000 UTC');
  });
  it('parses other layouts', () => {
    const p = (layout: string, value: string): string => str(call('mustToDate', layout, value));
    expect(p('Jan 2 2006', 'Feb 3 2021')).toBe('2021-02-03 00:00:00 +0000 UTC');
    expect(p('January 02, 2006 3:04pm', 'March 05, 2021 4:05am')).toBe('2021-03-05 04:05:00 +0000 UTC');
    expect(p('2006-01-02 15:04:05.999999999 -0700 MST', '2021-03-04 05:06:07.5 -0800 PST')).toBe('2021-03-04 05:06:07.5 -0800 PST');
    expect(p('02/01/06', '04/03/21')).toBe('2021-03-04 00:00:00 +0000 UTC');
    expect(p('2006-002', '2021-063')).toBe('2021-03-04 00:00:00 +0000 UTC');
    expect(p('Mon, 02 Jan 2006 15:04:05 MST', 'Thu, 04 Mar 2021 05:06:07 CET')).toBe('2021-03-04 05:06:07 +0000 CET');
  });
  it('mustToDate returns Go ParseError texts', () => {
    expect(errOf(() => call('mustToDate', '2006-01-02', 'bad'))).toBe(
      'parsing time "bad" as "2006-01-02": cannot parse "bad" as "2006"',
    );
    expect(errOf(() => call('mustToDate', '2006-01-02', '2021-13-04'))).toBe('parsing time "2021-13-04": month out of range');
    expect(errOf(() => call('mustToDate', '2006-01-02', '2021-03-04x'))).toBe('parsing time "2021-03-04x": extra text: "x"');
    expect(errOf(() => call('mustToDate', '2006-01-02', '2021-02-30'))).toBe('parsing time "2021-02-30": day out of range');
    expect(errOf(() => call('mustToDate', '2006-01-02', '21-03-04'))).toBe(
      'parsing time "21-03-04" as "2006-01-02": cannot parse "21-03-04" as "2006"',
    );
    expect(errOf(() => call('mustToDate', '15:04', '25:00'))).toBe('parsing time "25:00": hour out of range');
  });
  it('time.Time methods', () => {
    const t = d0304();
    expect((m(t, 'Year') as GoInt).value).toBe(2021n);
    expect(str(m(t, 'Month'))).toBe('March');
    expect((m(t, 'Unix') as GoInt).value).toBe(1614816000n);
    expect(str(m(t, 'Weekday'))).toBe('Thursday');
    expect(m(t, 'Format', 'Jan 2')).toBe('Mar 4');
    expect(str(m(t, 'UTC'))).toBe('2021-03-04 00:00:00 +0000 UTC');
    expect(new TextDecoder().decode(m(t, 'MarshalJSON') as Uint8Array)).toBe('"2021-03-04T00:00:00Z"');
  });
});

describe('formatting', () => {
  it('epoch seconds and every layout element', () => {
    expect(call('date', '2006-01-02 15:04:05 MST -0700 Z07:00', int(0))).toBe('1970-01-01 00:00:00 UTC +0000 Z');
    // helm trims the trailing space of a rendered file; the element itself prints nothing.
    expect(call('date', 'Mon Jan _2 3:4:5 PM .000 .999999999', int64(1234567890))).toBe('Fri Feb 13 11:31:30 PM .000 ');
    expect(
      call(
        'date',
        '2006-01-02T15:04:05.000000Z07:00 Z0700 Z07 -07 pm Monday January 002 __2 .999 ,000 06',
        call('toDate', '2006-01-02T15:04:05.999Z07:00', '2021-03-04T05:06:07.120+05:30'),
      ),
    ).toBe('2021-03-03T23:36:07.120000Z Z Z +00 pm Wednesday March 062  62 .12 ,120 21');
    expect(
      call('date', '3:04:05 PM, 1/2/2006 -07:00:00 Z07:00:00 -070000 Z070000 stdlongyear 2006-01-02T15:04:05Z07:00', int64(-1)),
    ).toBe('11:59:59 PM, 12/31/1969 +00:00:00 Z +000000 Z stdlongyear 1969-12-31T23:59:59Z');
    expect(call('date', '2006', call('toDate', '2006', '1999'))).toBe('1999');
  });
  it('zones', () => {
    expect(call('dateInZone', '2006-01-02 15:04 MST', int(0), 'America/New_York')).toBe('1969-12-31 19:00 EST');
    expect(call('dateInZone', '15:04 MST', int(0), 'Nope/Zone')).toBe('00:00 UTC');
    expect(call('htmlDate', int(0))).toBe('1970-01-01');
    expect(call('htmlDateInZone', int(86399), 'Asia/Tokyo')).toBe('1970-01-02');
    expect(call('date_in_zone', '2006-01-02 15:04:05 MST', int64(1600000000), 'Europe/Berlin')).toBe('2020-09-13 14:26:40 CEST');
  });
  it('zone abbreviations follow tzdata (found by fuzzing against helm)', () => {
    expect(call('dateInZone', 'MST', int64(965444840), 'Asia/Shanghai')).toBe('CST');
    expect(call('dateInZone', 'MST', int64(1625693831), 'Asia/Dubai')).toBe('+04');
    expect(call('dateInZone', 'MST', int64(-923011426), 'Europe/Moscow')).toBe('MSK');
    expect(call('dateInZone', 'MST', int64(-926662730), 'America/Chicago')).toBe('CDT');
    expect(call('dateInZone', 'MST', int64(-937223888), 'America/Los_Angeles')).toBe('PST');
  });
  it('a non-time value means now', () => {
    expect((call('date', '2006', 'notadate') as string).length).toBe(4);
    expect(call('ago', 'x')).toBe('0s');
  });
});

describe('modify, epoch, durations', () => {
  it('dateModify adds a Go duration', () => {
    expect(call('unixEpoch', d0304())).toBe('1614816000');
    expect(str(call('dateModify', '1h30m', d0304()))).toBe('2021-03-04 01:30:00 +0000 UTC');
    expect(str(call('dateModify', 'bad', d0304()))).toBe('2021-03-04 00:00:00 +0000 UTC');
    expect(str(call('date_modify', '-24h', d0304()))).toBe('2021-03-03 00:00:00 +0000 UTC');
    expect(str(call('must_date_modify', '2h', d0304()))).toBe('2021-03-04 02:00:00 +0000 UTC');
    const y2000 = call('toDate', '2006', '2000');
    expect(str(call('dateModify', '100000h', y2000))).toBe('2011-05-29 16:00:00 +0000 UTC');
    expect(str(call('dateModify', '-20000000h', y2000))).toBe('2000-01-01 00:00:00 +0000 UTC');
  });
  it('mustDateModify returns ParseDuration errors', () => {
    const y2000 = call('toDate', '2006', '2000');
    expect(errOf(() => call('mustDateModify', 'bad', y2000))).toBe('time: invalid duration "bad"');
    expect(errOf(() => call('mustDateModify', '1', y2000))).toBe('time: missing unit in duration "1"');
    expect(errOf(() => call('mustDateModify', '1x', y2000))).toBe('time: unknown unit "x" in duration "1x"');
    expect(errOf(() => call('mustDateModify', '', y2000))).toBe('time: invalid duration ""');
    expect(errOf(() => call('mustDateModify', '1.5h-2m+3µs', y2000))).toBe(
      'time: unknown unit "h-" in duration "1.5h-2m+3\\xc2\\xb5s"',
    );
  });
  it('duration takes seconds as string or int64 only', () => {
    const d = (v: GoValue): string => call('duration', v) as string;
    expect([int(95), '95', int64(95), int(3600), 'x', 1.5, int64(86400000), '-61'].map(d)).toEqual([
      '0s', '1m35s', '1m35s', '0s', '0s', '0s', '24000h0m0s', '-1m1s',
    ]);
    expect(['9223372036854775807', '-9223372036854775808', '1.5', int64(0)].map(d)).toEqual(['-1s', '0s', '0s', '0s']);
  });
  it('durationRound', () => {
    const r = (v: GoValue): string => call('durationRound', v) as string;
    expect(['2h10m', int(95), int64(95), '400h', '9000h', '-3m', '1s', 1.5, 'bad', '1m', '61s'].map(r)).toEqual([
      '2h', '0s', '0s', '16d', '1y', '3m', '0s', '0s', '0s', '60s', '1m',
    ]);
    expect(['800h', '721h', '25h', '24h', '1.5h', '', '1us'].map(r)).toEqual(['1mo', '1mo', '1d', '24h', '1h', '0s', '0s']);
  });
  it('now is recent', () => {
    const now = (m(call('now'), 'Unix') as GoInt).value;
    expect(Number(now)).toBeGreaterThan(Date.now() / 1000 - 5);
  });
});

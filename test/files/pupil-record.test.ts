import { readFileSync } from "node:fs";
import { join } from "node:path";
import { analyse } from "../../src/engine/analyse";
import { readMarksBytes } from "../../src/files/read-file";
import { buildPupilRecord, decodeRecord, encodeRecord } from "../../src/files/pupil-record";

describe("Copy for Word record (versioned, checksummed text)", () => {
  let text = "";
  let upn = "";
  beforeAll(async () => {
    const tracker = await readMarksBytes(readFileSync(join(__dirname, "../../samples/sample-tracker.xlsx")));
    const a = analyse(tracker.dataset);
    const i = a.pupils.findIndex((p) => p.nationalThreshold.met);
    upn = a.pupils[i].upn;
    text = encodeRecord(buildPupilRecord(a, i, tracker, new Date("2026-03-13T09:00:00Z")));
  });

  test("round trip: the pasted text gives back the pupil, parents, figures and actions", () => {
    const r = decodeRecord(text);
    if (!r.ok) throw new Error(r.message);
    expect(r.record.pupil.upn).toBe(upn);
    expect(r.record.parents.length).toBeGreaterThan(0);
    expect(r.record.figures.nationalThreshold.met).toBe(true);
    expect(r.record.createdAt).toBe("2026-03-13T09:00:00.000Z");
    expect(text.split("\n")[0]).toBe("ATTENDANCE-TOOLKIT-RECORD v1");
  });

  test("Windows line ends and surrounding text do not matter", () => {
    expect(decodeRecord(`Here it is:\r\n${text.replace(/\n/g, "\r\n")}\r\nthanks`).ok).toBe(true);
  });

  test("a truncated paste is caught", () => {
    const cut = text.slice(0, Math.floor(text.length / 2));
    expect(decodeRecord(cut)).toEqual({ ok: false, message: expect.stringMatching(/cut short/) });
  });

  test("an altered record is caught by the checksum", () => {
    const altered = text.replace(/"attendancePercent":\d+(\.\d)?/, '"attendancePercent":99.9');
    expect(altered).not.toBe(text);
    expect(decodeRecord(altered)).toEqual({ ok: false, message: expect.stringMatching(/checksum/) });
  });

  test("other text, and another version, get a sentence the user can act on", () => {
    expect(decodeRecord("hello")).toEqual({ ok: false, message: expect.stringMatching(/Copy for Word/) });
    expect(decodeRecord(text.replace("v1", "v2"))).toEqual({ ok: false, message: expect.stringMatching(/different version/) });
  });
});

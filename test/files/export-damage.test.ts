/**
 * Issue 21, damage is damage: a workbook that is not whole is refused in words, or each cell that
 * cannot be read is listed with its reference, never read as if whole. Every file is made here (a
 * few kilobytes) and each test failed, or ran for minutes, on the reader before this issue.
 */
import { strToU8, zipSync } from "fflate";
import { FatalInputError } from "../../src/engine/dataset";
import { compoundFileNames, sniffFile } from "../../src/files/decode";
import { crc32 } from "../../src/files/crc32";
import { readMarksBytes } from "../../src/files/read-file";
import { XLSX_LIMITS, XlsxReader } from "../../src/files/xlsx-reader";
import { sheetData, workbook } from "../fuzz/hostile";

const HEADER = ["UPN", "Surname", "Forename", "2025-09-08 AM", "2025-09-08 PM"];
const ROWS = [HEADER, ["A100000000001", "Smith", "Amy", "/", "\\"], ["A100000000002", "Jones", "Bob", "N", "N"]];

/** The first place `needle` occurs in `bytes`, or -1. */
function find(bytes: Uint8Array, needle: string, from = 0): number {
  const n = strToU8(needle);
  outer: for (let i = from; i + n.length <= bytes.length; i++) {
    for (let k = 0; k < n.length; k++) if (bytes[i + k] !== n[k]) continue outer;
    return i;
  }
  return -1;
}

describe("the zip", () => {
  test("a part whose bytes do not match its check sum is refused (a mark changed after saving)", async () => {
    // Stored, not deflated, so one changed byte still inflates: the old reader read "U" for "N".
    const good = workbook([{ name: "Export", xml: sheetData(ROWS) }], { level: 0 });
    await expect(readMarksBytes(good)).resolves.toBeDefined();
    const bad = good.slice();
    const at = find(bad, "<t>N</t>");
    bad[at + 3] = "U".charCodeAt(0);
    await expect(readMarksBytes(bad)).rejects.toThrow(/damaged: its part xl\/worksheets\/sheet1.xml does not match the check sum/);
  });

  test("two parts of one name are refused, not the last one used", async () => {
    const zip = zipSync({
      ...Object.fromEntries(Object.entries(unzipParts(workbook([{ name: "Export", xml: sheetData(ROWS) }]))).map(([k, v]) => [k, v])),
      "xl/worksheets/sheet1.xmX": strToU8(`<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${sheetData([HEADER, ["A100000000009", "Other", "Pupil", "U", "U"]])}</worksheet>`),
    });
    // The second entry renamed to the first's name, in its local header and the central directory.
    for (let at = find(zip, "sheet1.xmX"); at >= 0; at = find(zip, "sheet1.xmX", at + 1)) zip[at + 9] = "l".charCodeAt(0);
    await expect(readMarksBytes(zip)).rejects.toThrow(/holds two parts called "xl\/worksheets\/sheet1.xml"/);
  });

  test("names differing only in case are one part too (Open Packaging Conventions)", () => {
    const parts = unzipParts(workbook([{ name: "Export", xml: sheetData(ROWS) }]));
    const zip = zipSync({ ...parts, "XL/worksheets/Sheet1.xml": parts["xl/worksheets/sheet1.xml"] });
    expect(() => new XlsxReader(zip)).toThrow(/two parts called/);
  });

  test("crc32 is the zip format's (check values)", () => {
    expect(crc32(strToU8("123456789"))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
    const text = strToU8("The quick brown fox jumps over the lazy dog");
    expect(crc32(text)).toBe(0x414fa339);
    expect(crc32(text.subarray(7), crc32(text.subarray(0, 7)))).toBe(0x414fa339);
  });
});

describe("cells that cannot be read are listed with their reference", () => {
  const marks = (d2: string) => `<sheetData><row r="1">${HEADER.map((h, c) => `<c r="${"ABCDE"[c]}1" t="inlineStr"><is><t>${h}</t></is></c>`).join("")}</row><row r="2"><c r="A2" t="inlineStr"><is><t>A100000000001</t></is></c><c r="B2" t="inlineStr"><is><t>Smith</t></is></c>${d2}<c r="E2" t="inlineStr"><is><t>/</t></is></c></row></sheetData>`;

  test("a formula with no value saved (a mark made by a program) is not an empty cell", async () => {
    const { dataset } = await readMarksBytes(workbook([{ name: "Export", xml: marks(`<c r="D2"><f>IF(1,"/","N")</f></c>`) }]));
    const p = dataset.problems.filter((x) => x.kind === "unreadable-cell");
    expect(p).toHaveLength(1);
    expect(p[0]).toMatchObject({ row: 2, column: "D", sheet: "Export" });
    expect(p[0].message).toMatch(/^Export sheet: Cell D2: a formula whose value was never worked out/);
  });

  test("a formula with its value saved reads as the value (as Excel saves it)", async () => {
    const { dataset } = await readMarksBytes(workbook([{ name: "Export", xml: marks(`<c r="D2" t="str"><f>IF(1,"/","N")</f><v>/</v></c>`) }]));
    expect(dataset.problems).toEqual([]);
  });

  test("a shared text that is not in the table is listed, not read as empty", async () => {
    const { dataset } = await readMarksBytes(workbook([{ name: "Export", xml: marks(`<c r="D2" t="s"><v>7</v></c>`) }], { shared: ["/", "N"] }));
    const p = dataset.problems.filter((x) => x.kind === "unreadable-cell");
    expect(p.map((x) => [x.row, x.column])).toEqual([[2, "D"]]);
    expect(p[0].message).toMatch(/Cell D2: refers to text number 7 of the workbook's shared texts, which has only 2/);
  });
});

describe("rows and cells out of order are damage", () => {
  test("a row given twice", async () => {
    const xml = sheetData(ROWS).replace('<row r="3">', '<row r="2">');
    await expect(readMarksBytes(workbook([{ name: "Export", xml }]))).rejects.toThrow(/Export sheet: row 2 comes after row 2 in the file/);
  });

  test("a row before one it follows", async () => {
    const xml = sheetData(ROWS).replace('<row r="3">', '<row r="1">');
    await expect(readMarksBytes(workbook([{ name: "Export", xml }]))).rejects.toThrow(/row 1 comes after row 2/);
  });

  test("a cell given twice", async () => {
    const xml = sheetData(ROWS).replace('<c r="E2"', '<c r="D2"');
    await expect(readMarksBytes(workbook([{ name: "Export", xml }]))).rejects.toThrow(/row 2: cell D2 comes after cell D2/);
  });

  test("200,000 rows all numbered 2 stop at the second (21 million took gigabytes)", () => {
    const xml = `<sheetData>${'<row r="2"><c t="inlineStr"><is><t>x</t></is></c></row>'.repeat(200_000)}</sheetData>`;
    const bytes = workbook([{ name: "Export", xml }], { level: 9 });
    expect(bytes.length).toBeLessThan(200_000);
    expect(() => new XlsxReader(bytes).readSheet("Export")).toThrow(/row 2 comes after row 2/);
  });
});

describe("bounds", () => {
  test("a tag with an unbalanced quote and 100,000 '>' is refused as damaged, in one pass (it ran for minutes)", () => {
    const xml = `<sheetData><row r="1"><c r="A1" t="inlineStr" x="${">".repeat(100_000)}><is><t>UPN</t></is></c></row></sheetData>`;
    const bytes = workbook([{ name: "Export", xml }], { level: 9 });
    expect(bytes.length).toBeLessThan(8_000);
    expect(() => new XlsxReader(bytes).readSheet("Export")).toThrow(/not a CSV or Excel workbook that can be read/);
  });

  test("a '>' inside a quoted value still is not the tag's end", () => {
    const xml = `<sheetData><row r="1"><c r="A1" t="inlineStr" x="a>b" y='c>d'><is><t>UPN</t></is></c></row></sheetData>`;
    expect(new XlsxReader(workbook([{ name: "Export", xml }])).readSheet("Export").header).toEqual(["UPN"]);
  });

  test("the grid is bounded by the bytes it holds, as a CSV file is by its size", () => {
    const rows = [HEADER, ...Array.from({ length: 2_000 }, (_, i) => [`A${String(i).padStart(12, "0")}`, "Smith", "Amy", "/", "/"])];
    const bytes = workbook([{ name: "Export", xml: sheetData(rows) }]);
    expect(new XlsxReader(bytes).readSheet("Export").rows).toHaveLength(2_000);
    expect(() => new XlsxReader(bytes, { ...XLSX_LIMITS, maxHeldBytes: 200_000 }).readSheet("Export")).toThrow(/more text and cells than a tracker could need/);
  });

  test("so are the shared texts (20 million distinct texts took 2.9 GB)", () => {
    const shared = Array.from({ length: 5_000 }, (_, i) => `text number ${i} of many, thirty`);
    const bytes = workbook([{ name: "Export", xml: sheetData([HEADER]) }], { shared });
    expect(() => new XlsxReader(bytes, { ...XLSX_LIMITS, maxHeldBytes: 300_000 }).readSheet("Export")).toThrow(/more text and cells than a tracker could need/);
    expect(new XlsxReader(bytes).readSheet("Export").header).toEqual(HEADER);
  });

  test("a workbook with a header and no rows is refused with a sentence", async () => {
    await expect(readMarksBytes(workbook([{ name: "Export", xml: sheetData([HEADER]) }]))).rejects.toThrow(/header row \(row 1\) but no pupil rows under it/);
  });
});

describe("a password-protected workbook", () => {
  test("is named as one, not called an old .xls file", () => {
    const encrypted = compoundFile(["Root Entry", "\u0006DataSpaces", "EncryptionInfo", "EncryptedPackage"]);
    expect(compoundFileNames(encrypted)).toEqual(["Root Entry", "\u0006DataSpaces", "EncryptionInfo", "EncryptedPackage"]);
    expect(() => sniffFile(encrypted)).toThrow(FatalInputError);
    expect(() => sniffFile(encrypted)).toThrow(/password-protected \(encrypted\)/);
  });

  test("an old .xls (a Workbook stream) is still called one", () => {
    expect(() => sniffFile(compoundFile(["Root Entry", "Workbook", "\u0005SummaryInformation"]))).toThrow(/old-style Excel \.xls file/);
    // Not a readable compound file at all: the .xls sentence, never a crash.
    expect(() => sniffFile(Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 1, 2, 3]))).toThrow(/old-style Excel/);
  });
});

/** The parts of a zip made by fflate, by name. */
function unzipParts(zip: Uint8Array): Record<string, Uint8Array> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { unzipSync } = require("fflate") as typeof import("fflate");
  return unzipSync(zip);
}

/**
 * A compound file (the container of .xls and of encrypted workbooks) with these directory names and
 * no stream data: 512-byte sectors, sector 0 the allocation table, sector 1 the directory.
 */
function compoundFile(names: string[]): Uint8Array {
  const out = new Uint8Array(512 * 3);
  const v = new DataView(out.buffer);
  out.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  v.setUint16(0x18, 0x3e, true);
  v.setUint16(0x1a, 3, true);
  v.setUint16(0x1c, 0xfffe, true);
  v.setUint16(0x1e, 9, true);
  v.setUint16(0x20, 6, true);
  v.setUint32(0x2c, 1, true);
  v.setUint32(0x30, 1, true);
  v.setUint32(0x38, 4096, true);
  v.setUint32(0x3c, 0xfffffffe, true);
  v.setUint32(0x44, 0xfffffffe, true);
  for (let k = 0; k < 109; k++) v.setUint32(0x4c + 4 * k, k === 0 ? 0 : 0xffffffff, true);
  // Allocation table (sector 0, at 512): itself, then the directory's one sector.
  for (let k = 0; k < 128; k++) v.setUint32(512 + 4 * k, k === 0 ? 0xfffffffd : k === 1 ? 0xfffffffe : 0xffffffff, true);
  names.forEach((name, i) => {
    const e = 1024 + 128 * i;
    for (let c = 0; c < name.length; c++) v.setUint16(e + 2 * c, name.charCodeAt(c), true);
    v.setUint16(e + 0x40, 2 * (name.length + 1), true);
    out[e + 0x42] = i === 0 ? 5 : 2;
  });
  return out;
}

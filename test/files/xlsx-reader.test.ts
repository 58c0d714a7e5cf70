/**
 * The .xlsx reader (issue 12): the Grid contract agreed with the engine, and every limit refused in
 * plain words before the work it guards. On the old reader (exceljs) the merged-range file ran out of
 * memory, the long string and the bomb were read, and none of these sentences existed.
 */
import { FatalInputError } from "../../src/engine/dataset";
import { readGridsBytes, readMarksBytes } from "../../src/files/read-file";
import { openWorkbook } from "../../src/files/xlsx";
import { XLSX_LIMITS, XlsxReader, columnIndex, isDateFormat, serialToIso } from "../../src/files/xlsx-reader";
import { hostileFiles, lieAboutSize, sheetData, workbook } from "../fuzz/hostile";

describe("the Grid contract (agreed with src/import/grid.ts)", () => {
  const xml = `<sheetData>
    <row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><r><t>Da</t></r><r><t>te</t></r></is></c><c r="C1" t="str"><f>1+1</f><v>Sum &amp; more</v></c></row>
    <row r="3"><c r="A3" s="1"><v>45908</v></c><c r="B3" s="2"><v>45908.5</v></c><c r="C3"><v>45908.5</v></c><c r="D3" t="b"><v>1</v></c><c r="E3" t="e"><v>#N/A</v></c><c r="G3" s="3"><v>1.5E-3</v></c></row>
    <row r="4"><c r="B4"><v>7</v></c></row>
  </sheetData><mergeCells count="1"><mergeCell ref="A4:C9"/></mergeCells>`;
  const grid = () => openWorkbook(workbook([{ name: "Sheet1", xml }], { shared: ["UPN"] })).readSheet("Sheet1");

  test("dates as ISO text (with a time of day when there is one), numbers as plain decimals, booleans, errors", () => {
    const g = grid();
    expect(g.header).toEqual(["UPN", "Date", "Sum & more"]);
    expect(g.rows[0]).toEqual(["2025-09-08", "2025-09-08T12:00:00", "45908.5", "TRUE", "#N/A", "", "0.0015"]);
    expect(g.rowNumbers).toEqual([3, 4]);
  });

  test("a merged range is not expanded: only its top-left cell holds the value", () => {
    expect(grid().rows[1]).toEqual(["", "7"]);
    expect(grid().rows).toHaveLength(2);
  });

  test("the 1904 date system and custom date formats", () => {
    expect(serialToIso(0, true)).toBe("1904-01-01");
    expect(serialToIso(45908)).toBe("2025-09-08");
    expect(isDateFormat("dd/mm/yyyy")).toBe(true);
    expect(isDateFormat('0.00" days"')).toBe(false);
    expect(isDateFormat("[Red]0.00")).toBe(false);
    expect(columnIndex("XFD1048576")).toBe(16383);
  });

  test("the first visible sheet of a MIS export, and hidden sheets skipped", async () => {
    const bytes = workbook([
      { name: "Hidden", xml: sheetData([["x"]]), state: "hidden" },
      { name: "Export", xml: sheetData([["UPN", "2025-09-08 AM"], ["A123456789012", "/"]]) },
    ]);
    const g = await readGridsBytes(bytes);
    expect(g.marksSheet).toBe("Export");
    expect(g.marks.rows).toEqual([["A123456789012", "/"]]);
  });
});

describe("hostile workbooks: refused in plain words, or read correctly (issue 12: What was seen)", () => {
  test.each(hostileFiles().map((f) => [f.name, f] as const))("%s", async (_name, f) => {
    const bytes = f.bytes();
    if (f.refused) {
      const err = await readMarksBytes(bytes).then(
        () => null,
        (e) => e,
      );
      expect(err).toBeInstanceOf(FatalInputError);
      expect((err as Error).message).toMatch(f.refused);
      expect((err as Error).message).not.toMatch(/\n\s+at /);
    } else {
      const r = await readMarksBytes(bytes);
      expect(r.dataset.pupils.map((p) => p.upn)).toEqual(["A123456789012"]);
    }
  });

  test("a bomb whose headers understate its size is stopped while inflating, at the limit", () => {
    const xml = `<sheetData>${'<row><c t="inlineStr"><is><t>x</t></is></c></row>'.repeat(50_000)}</sheetData>`;
    const honest = workbook([{ name: "Marks", xml }], { level: 9 });
    const lying = lieAboutSize(honest, "xl/worksheets/sheet1.xml", 100);
    const limits = { ...XLSX_LIMITS, maxUncompressedBytes: 1_000_000 };
    expect(() => new XlsxReader(lying, limits).readSheet("Marks")).toThrow(/expands to more than 1 MB/);
    expect(new XlsxReader(honest, { ...limits, maxUncompressedBytes: 10_000_000 }).readSheet("Marks").rows).toHaveLength(49_999);
  });

  test("cells are counted with the empty cells a row spans", () => {
    const bytes = workbook([{ name: "Marks", xml: `<sheetData><row r="1"><c r="Z1"><v>1</v></c></row><row r="2"><c r="Z2"><v>1</v></c></row></sheetData>` }]);
    expect(() => new XlsxReader(bytes, { ...XLSX_LIMITS, maxCells: 40 }).readSheet("Marks")).toThrow(/more than 40 cells/);
  });
});

describe("analyse --json in pieces (issue 12, item 3)", () => {
  test("the pieces join to exactly JSON.stringify of the whole document", async () => {
    const { analyse } = await import("../../src/engine/analyse");
    const { analysisJson, analysisJsonChunks } = await import("../../src/engine/output");
    const { readFileSync } = await import("node:fs");
    const r = await readMarksBytes(readFileSync(`${__dirname}/../../samples/sample-tracker.xlsx`));
    const a = analyse(r.dataset, {});
    expect([...analysisJsonChunks(a, 7)].join("")).toBe(JSON.stringify(analysisJson(a)));
    expect([...analysisJsonChunks(a)].length).toBeGreaterThan(3);
  });
});

/**
 * Issue 24: comparisons that hold up in front of governors. The national figures are the DfE's as
 * published (2023/24 PA 20.0%, unauthorised 2.5%; 2024/25 added), each saying what it covers; a
 * figure nobody checked is refused, never shown with "[not verified]"; schools to different dates
 * are flagged and not ranked as if alike; the governors' report reads like the letters; the pane
 * rounds as the command line does.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import ExcelJS from "exceljs";
import PizZip from "pizzip";
import { comparedPeriods, describeNational, nationalFor, readNationalFigures } from "../../src/engine/national";
import { buildTrustDashboard } from "../../src/engine/trust";
import { groupValueInWords } from "../../src/engine/summary";
import { generateSchool } from "../../src/sample/generate";
import { summariseTracker } from "../../src/trust/summarise";
import { reportData, reportTemplateBlocks } from "../../src/trust/report";
import { buildTrustWorkbook } from "../../src/trust/workbook";
import { rate } from "../../src/ui/shared/format";

const FILE = resolve(__dirname, "../../assets/national/national-figures.json");
const national = readNationalFigures(readFileSync(FILE, "utf8"));

function summary(pupils: number, seed: number, name: string, until?: string) {
  return summariseTracker(generateSchool({ pupils, seed, until }), { name, phase: "secondary", createdAt: new Date("2026-03-16T09:00:00Z") }).summary;
}

describe("national figures: right, current, and saying what they cover", () => {
  const find = (year: string, term: string, phase: string) => national.figures.find((f) => f.year === year && f.term === term && f.phase === phase && f.source === "census");

  test("2023/24 as the DfE published it: PA 20.0%, unauthorised 2.5% (not 7.1 - 4.7), SA 2.3%", () => {
    const f = find("2023/24", "full year", "all")!;
    expect(f).toMatchObject({ overallAbsencePercent: 7.1, authorisedAbsencePercent: 4.7, unauthorisedAbsencePercent: 2.5, persistentAbsencePercent: 20.0, severeAbsencePercent: 2.3 });
    expect(f.url).toContain("pupil-absence-in-schools-in-england/2023-24");
  });

  test("2024/25 is there, and newer figures are chosen; a daily-data estimate says it is one", () => {
    const all = nationalFor(national, null)!;
    expect(all.year).toBe("2024/25");
    expect(all.term).toBe("full year");
    expect(all.persistentAbsencePercent).toBe(18.7);
    expect(describeNational(all)).toBe("England, all state-funded schools, the 2024/25 school year (DfE, Pupil attendance in schools, 2025 week 29: an estimate from daily register data)");
  });

  test("the autumn 2023/24 PA estimate is labelled as the daily data it is, not as the census release", () => {
    const census = find("2023/24", "autumn", "all")!;
    expect(census.persistentAbsencePercent).toBeNull();
    const daily = national.figures.find((f) => f.year === "2023/24" && f.term === "autumn" && f.source === "daily")!;
    expect(daily.persistentAbsencePercent).toBe(20.1);
    expect(daily.publication).toBe("Pupil attendance in schools");
  });

  test("every figure names its release, section and period; an unchecked figure is refused", () => {
    for (const f of national.figures) {
      expect(f.table.length).toBeGreaterThan(5);
      expect(f.period.length).toBeGreaterThan(5);
      expect(f.release.length).toBeGreaterThan(3);
      expect(JSON.stringify(f)).not.toMatch(/verified/);
    }
    const doc = JSON.parse(readFileSync(FILE, "utf8"));
    doc.figures[0].verified = false;
    expect(() => readNationalFigures(JSON.stringify(doc), "x.json")).toThrow(/entry 1 is marked as not checked against its release/);
    delete doc.figures[0].verified;
    delete doc.figures[0].table;
    expect(() => readNationalFigures(JSON.stringify(doc), "x.json")).toThrow(/entry 1: table is missing/);
  });

  test("a comparison says what period each side covers (a year to 13 March beside a whole year)", () => {
    const f = nationalFor(national, null)!;
    expect(comparedPeriods("2025-09-01", "2026-03-13", f)).toBe(
      "This school's figures cover 1 September 2025 to 13 March 2026; the national figure covers the whole 2024/25 school year.",
    );
  });

  test("the governors' report: no '[not verified]', both periods stated, groups in words, long dates", () => {
    const s = summary(150, 2025, "Ashford Vale Academy", "2026-03-13");
    const data = reportData({ summary: s, national: nationalFor(national, "secondary") });
    const all = JSON.stringify(data);
    expect(all).not.toMatch(/not verified/i);
    expect(data.headline).toMatch(/This school's figures cover \d+ \w+ \d{4} to 13 March 2026; the national figure covers the whole 2023\/24 school year\./);
    expect(data.asOfText).toBe("13 March 2026");
    expect(all).not.toMatch(/SEN: [EKN]\b/);
    expect(groupValueInWords("sen", "E")).toBe("Education, health and care plan");
    expect(groupValueInWords("sen", "K")).toBe("SEN support");
    expect(groupValueInWords("year", "9")).toBe("Year 9");
    // Headings keep with what follows: the paragraph before a table or a chart too.
    const blocks = reportTemplateBlocks();
    for (const tag of ["{noGroups}", "{noActions}", "{@weeklyChart}", "{@groupsChart}"]) expect(blocks.find((b) => "p" in b && b.p === tag)).toMatchObject({ keepNext: true });
  });
});

describe("schools to different dates, side by side", () => {
  const march = summary(40, 7, "Ashford Vale Academy", "2026-03-13");
  const july1 = summary(40, 11, "Brook Primary", "2026-07-20");
  const july2 = summary(25, 4, "Cedar School", "2026-07-20");
  const d = buildTrustDashboard([march, july1, july2], national);

  test("the school to 13 March is not ranked beside two to 20 July, and the notes say why", () => {
    const a = d.schools.find((s) => s.name === "Ashford Vale Academy")!;
    expect(a.rank).toBeNull();
    expect(a.notComparable).toBe("figures to 13 March 2026, not to 20 July 2026: not ranked with the others");
    expect(d.schools.filter((s) => s.rank !== null).map((s) => s.rank).sort()).toEqual([1, 2]);
    expect(d.notes.join(" ")).toContain("Schools' figures run to different dates: Ashford Vale Academy to 13 March 2026; the others to 20 July 2026.");
  });

  test("the workbook says so, uses UK dates, and prints landscape, fitted to the page width, with titles", async () => {
    const bytes = await buildTrustWorkbook(d, national);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet("Schools")!;
    expect(String(ws.getCell("A2").value)).toMatch(/^Figures to 20 July 2026 \(1 school's to an earlier date: not ranked\)/);
    const row = [...Array(3).keys()].map((i) => ws.getRow(6 + i).values as unknown[]).find((r) => r[2] === "Ashford Vale Academy")!;
    expect(row[1]).toBe("not ranked");
    expect(row[4]).toBe("13/03/2026 (earlier)");
    const xml = new PizZip(bytes).file("xl/worksheets/sheet1.xml")!.asText();
    expect(xml).toMatch(/<pageSetup[^>]*orientation="landscape"/);
    expect(xml).toMatch(/<pageSetup[^>]*fitToWidth="1"/);
    expect(xml).toMatch(/<pageSetUpPr fitToPage="1"/);
    const book = new PizZip(bytes).file("xl/workbook.xml")!.asText();
    expect(book).toMatch(/_xlnm.Print_Titles/);
    expect(book).toMatch(/_xlnm.Print_Area/);
    // The National sheet: period and section read, no "Verified" column.
    const nf = wb.getWorksheet("National")!;
    expect((nf.getRow(1).values as unknown[]).slice(1)).toEqual(expect.arrayContaining(["Period covered", "Section read", "Data"]));
    expect((nf.getRow(1).values as unknown[]).includes("Verified")).toBe(false);
  });
});

test("the pane's share of pupils is truncated as the command line's: 1 of 150 severe is 0.6% in both", () => {
  expect(rate(1, 150)).toBe("0.6%");
});

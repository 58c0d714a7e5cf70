/** The panes' formats (issue 13, "plain words"): UK dates, separators, plurals, display rounding. */
import { count, percent, plural, rate, sessionText, ukDate } from "../../src/ui/shared/format";
import { fieldLabel } from "../../src/letters/fields";

test("UK dates as Fri 13 Mar 2026, sessions as morning or afternoon, no ISO text", () => {
  expect(ukDate("2026-03-13")).toBe("Fri 13 Mar 2026");
  expect(ukDate("2025-09-01")).toBe("Mon 1 Sep 2025");
  expect(sessionText("2025-09-18 AM")).toBe("Thu 18 Sep 2025 morning");
  expect(sessionText("2025-09-18 PM")).toBe("Thu 18 Sep 2025 afternoon");
  expect(ukDate(null)).toBe("");
});

test("thousands separated, plurals right", () => {
  expect(count(1914000)).toBe("1,914,000");
  expect(plural(5000, "pupil")).toBe("5,000 pupils");
  expect(plural(1, "mark")).toBe("1 mark");
  expect(plural(0, "problem")).toBe("0 problems");
});

test("rates of a group are truncated as the contract and the command line give them (1 of 150 is 0.6%), like pupil attendance", () => {
  // Issue 24: the pane truncates as the contract and the command line do (0.6%, never 0.7%).
  expect(rate(1, 150)).toBe("0.6%");
  expect(rate(30, 150)).toBe("20.0%");
  expect(rate(1, 8)).toBe("12.5%");
  expect(rate(2, 3)).toBe("66.6%");
  expect(rate(0, 0)).toBe("n/a");
  // The engine's truncated pupil figure is shown as given, not rounded up past 90.0.
  expect(percent(89.9)).toBe("89.9%");
});

test("field tags read as a school would write them (one mapping, letters/fields.ts)", () => {
  expect(fieldLabel("school.address")).toBe("the school's address");
  expect(fieldLabel("pupil.dob")).toBe("the pupil's date of birth");
  expect(fieldLabel("ntiPeriodWeeks")).toBe("Notice to Improve period weeks");
  expect(fieldLabel("penalty.first")).toBe("the first penalty notice (£)");
});

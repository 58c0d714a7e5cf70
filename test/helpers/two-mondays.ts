/**
 * Two Mondays in a row (issue 23): a school year to Fri 13 Mar 2026. B absent on Monday 2 March (week
 * 1's first-day call) and in school since; C and D ill for six days (stage 2: a meeting); E absent on
 * Monday 9 March (week 2's first-day call). The command line and the browser tests share it.
 */
import { marksOn, present, school, weekdays, wholeDays } from "../engine/build";

const sixDays = wholeDays(["2026-02-19", "2026-02-20", "2026-02-23", "2026-02-24", "2026-02-25", "2026-02-26"]);

export const twoMondays = () =>
  school(weekdays("2025-09-01", "2026-03-13"), {
    A: present,
    B: marksOn("O", wholeDays(["2026-03-02"])),
    C: marksOn("I", sixDays),
    D: marksOn("I", sixDays),
    E: marksOn("O", wholeDays(["2026-03-09"])),
  });

import { tokens } from "@fluentui/react-components";
import type { WeeklyFigure } from "../../engine/summary";
import { percent, ukDate } from "./format";

/**
 * Attendance each school week as bars, with the 90% (persistent absence) and 96% (expected) lines.
 * A plain SVG: no chart library in the pane's bundle. The table under it carries the same figures
 * for screen readers.
 */
export function WeeklyChart({ weeks, title, expectedFrom = 96, persistentAt = 90, floor = 0 }: { weeks: WeeklyFigure[]; title: string; expectedFrom?: number; persistentAt?: number; floor?: number }) {
  const width = 300;
  const height = 110;
  const n = Math.max(weeks.length, 1);
  const bar = width / n;
  // A school's weeks sit between 85% and 100%: the school chart starts higher so differences show.
  const y = (p: number) => height - (Math.max(0, p - floor) / (100 - floor)) * height;
  return (
    <figure style={{ margin: 0 }}>
      <svg role="img" aria-label={`${title}: ${weeks.length} school weeks`} viewBox={`0 0 ${width} ${height + 2}`} width="100%" style={{ maxWidth: 480 }}>
        {weeks.map((w, i) => {
          const p = w.attendancePercent ?? 0;
          const colour = w.attendancePercent === null ? tokens.colorNeutralBackground3 : p >= expectedFrom ? tokens.colorPaletteGreenBackground3 : p > persistentAt ? tokens.colorPaletteYellowBackground3 : tokens.colorPaletteRedBackground3;
          return (
            <rect key={w.weekStart} x={i * bar + 0.5} y={y(p)} width={Math.max(bar - 1, 0.5)} height={height - y(p)} fill={colour}>
              <title>{`Week of ${ukDate(w.weekStart)}: ${percent(w.attendancePercent)}`}</title>
            </rect>
          );
        })}
        <line x1={0} x2={width} y1={y(persistentAt)} y2={y(persistentAt)} stroke={tokens.colorPaletteRedBorder2} strokeDasharray="4 2" />
        <line x1={0} x2={width} y1={y(expectedFrom)} y2={y(expectedFrom)} stroke={tokens.colorPaletteGreenBorder2} strokeDasharray="4 2" />
      </svg>
      <figcaption style={{ fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground3 }}>
        {title}{floor > 0 ? ` (scale ${floor}% to 100%)` : ""}. Dashed lines: {expectedFrom}% expected, {persistentAt}% persistent absence.
      </figcaption>
    </figure>
  );
}

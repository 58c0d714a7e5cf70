import * as React from "react";
import { Button, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, tokens } from "@fluentui/react-components";
import type { WeeklyFigure } from "../../engine/summary";
import { percent, ukDate } from "./format";

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/**
 * Attendance each school week as bars, with the 90% (persistent absence) and 96% (expected) lines,
 * a labelled percentage axis and months along the bottom. A plain SVG: no chart library in the
 * pane's bundle. "Show as a table" gives the same figures week by week, for anyone who cannot use
 * the chart.
 */
export function WeeklyChart({ weeks, title, expectedFrom = 96, persistentAt = 90, floor = 0 }: { weeks: WeeklyFigure[]; title: string; expectedFrom?: number; persistentAt?: number; floor?: number }) {
  const [asTable, setAsTable] = React.useState(false);
  const left = 34;
  const plotWidth = 300;
  const width = left + plotWidth + 4;
  const height = 110;
  const bottom = 16;
  const n = Math.max(weeks.length, 1);
  const bar = plotWidth / n;
  // A school's weeks sit between 85% and 100%: the school chart starts higher so differences show.
  const y = (p: number) => 8 + height - (Math.max(0, p - floor) / (100 - floor)) * height;
  // Labels far enough apart to read: the expected line's label only when the scale is stretched.
  const ticks = [...new Set([floor, persistentAt, ...(100 - floor <= 30 ? [expectedFrom] : []), 100])].filter((t) => t >= floor && (t === 100 || 100 - t >= (100 - floor) / 12));
  // A month's name under the first school week that starts in it.
  const monthMarks = weeks.flatMap((w, i) => {
    const m = Number(w.weekStart.slice(5, 7)) - 1;
    return i === 0 || Number(weeks[i - 1].weekStart.slice(5, 7)) - 1 !== m ? [{ i, label: MONTHS[m] }] : [];
  });
  const axisText = { fontSize: 10, fill: tokens.colorNeutralForeground2 };
  return (
    <figure style={{ margin: 0 }}>
      <svg role="img" aria-label={`${title}: ${weeks.length} school weeks${weeks.length ? `, from ${ukDate(weeks[0].weekStart)}` : ""}. Show as a table for the figures.`} viewBox={`0 0 ${width} ${height + bottom + 10}`} width="100%" style={{ maxWidth: 480 }}>
        {ticks.map((t) => (
          <g key={t}>
            <text x={left - 4} y={y(t) + 3} textAnchor="end" style={axisText}>{`${t}%`}</text>
            <line x1={left} x2={left + plotWidth} y1={y(t)} y2={y(t)} stroke={tokens.colorNeutralStroke2} strokeWidth={0.5} />
          </g>
        ))}
        {weeks.map((w, i) => {
          const p = w.attendancePercent ?? 0;
          const colour = w.attendancePercent === null ? tokens.colorNeutralBackground3 : p >= expectedFrom ? tokens.colorPaletteGreenBackground3 : p > persistentAt ? tokens.colorPaletteYellowBackground3 : tokens.colorPaletteRedBackground3;
          return (
            <rect key={w.weekStart} x={left + i * bar + 0.5} y={y(p)} width={Math.max(bar - 1, 0.5)} height={y(floor) - y(p)} fill={colour}>
              <title>{`Week of ${ukDate(w.weekStart)}: ${percent(w.attendancePercent)}`}</title>
            </rect>
          );
        })}
        <line x1={left} x2={left + plotWidth} y1={y(persistentAt)} y2={y(persistentAt)} stroke={tokens.colorPaletteRedBorder2} strokeDasharray="4 2" />
        <line x1={left} x2={left + plotWidth} y1={y(expectedFrom)} y2={y(expectedFrom)} stroke={tokens.colorPaletteGreenBorder2} strokeDasharray="4 2" />
        {monthMarks.map((m) => (
          <text key={m.i} x={left + m.i * bar + 1} y={y(floor) + 12} style={axisText}>{m.label}</text>
        ))}
      </svg>
      <figcaption style={{ fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground3 }}>
        {title}, week by week. Dashed lines: {expectedFrom}% expected, {persistentAt}% persistent absence.{" "}
        <Button size="small" appearance="transparent" onClick={() => setAsTable((v) => !v)} aria-expanded={asTable}>
          {asTable ? "Hide the table" : "Show as a table"}
        </Button>
      </figcaption>
      {asTable && (
        <Table size="small" aria-label={`${title}, as a table`}>
          <TableHeader>
            <TableRow>
              <TableHeaderCell>Week starting</TableHeaderCell>
              <TableHeaderCell>Attendance</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {weeks.map((w) => (
              <TableRow key={w.weekStart}>
                <TableCell>{ukDate(w.weekStart)}</TableCell>
                <TableCell>{percent(w.attendancePercent)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </figure>
  );
}

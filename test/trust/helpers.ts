import { buildTracker, trackerToBuffer } from "../../src/files/write-tracker";
import type { SampleSchool } from "../../src/sample/generate";

export async function buildTrackerBytes(school: SampleSchool): Promise<Uint8Array> {
  return new Uint8Array(await trackerToBuffer(buildTracker(school)));
}

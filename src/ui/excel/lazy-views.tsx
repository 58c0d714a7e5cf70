/**
 * The Excel pane's views, each loaded when first opened (see ../shared/lazy-view.tsx). ExcelPane
 * imports them from here, with the same names and props as the modules that define them.
 */
import { lazyView } from "../shared/lazy-view";

export const SummaryView = lazyView(async () => (await import(/* webpackChunkName: "excel-views" */ "./views")).SummaryView, "Loading the summary");
export const KeyGroupsView = lazyView(async () => (await import(/* webpackChunkName: "excel-views" */ "./views")).KeyGroupsView, "Loading the key groups");
export const ThisWeekView = lazyView(async () => (await import(/* webpackChunkName: "excel-this-week" */ "./ThisWeekView")).ThisWeekView, "Loading this week");
export const PupilSearch = lazyView(async () => (await import(/* webpackChunkName: "excel-views" */ "./views")).PupilSearch, "Loading the pupil search");
export const PupilCard = lazyView(async () => (await import(/* webpackChunkName: "excel-pupil" */ "./PupilCard")).PupilCard, "Loading the pupil");
export const TrustView = lazyView(async () => (await import(/* webpackChunkName: "excel-trust" */ "./TrustView")).TrustView, "Loading the trust view");

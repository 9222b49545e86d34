// Rich output in notebooks: display/update_display, MIME bundles, progress bars, plotly charts.
export { display, update_display, clear_output, DisplayHandle, type DisplayOptions } from "./display";
export { toMimeBundle, isMimeBundle, type MimeBundle, type ReprMimeBundle } from "./mimebundle";
export { ProgressBar, type ProgressBarOptions } from "./progress";
export { Figure, plot, type PlotlyTrace, type FigureInit } from "./plotly";
export { inKernel } from "./kernel-bridge";
export { input, getpass } from "./input";
export { openComm, registerCommTarget, NoFrontEndError, type CommHandle, type CommMessage } from "./comm";

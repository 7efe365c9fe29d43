// ECharts is about 1 MB, needed only once a chart is drawn (the zone panel): it is fetched then, not with
// the page. The page's import map names its file ("echarts" → the webjar's echarts.min.js, versioned by the
// server); that UMD build, evaluated as a module, defines the global echarts, as the dashboard's <script>
// tag does, so both pages share one cached file. A page that loaded it up front is served at once.
let loading = null;

/** Resolves to the echarts namespace, loading it on the first call. */
export function loadEcharts() {
  if (window.echarts) return Promise.resolve(window.echarts);
  if (!loading) {
    loading = import('echarts').then(() => window.echarts, (error) => {
      loading = null;
      throw error;
    });
  }
  return loading;
}

// The map's colours: one place for the layers and the legend.
export const STAGES = ['谋划', '前期', '招引', '开工', '竣工'];
// The stages of public projects: all the public (and /embed) is shown until /api/me says the view holds more.
export const PUBLIC_STAGES = ['开工', '竣工'];
export const STAGE_COLOURS = { '谋划': '#9e9e9e', '前期': '#1e88e5', '招引': '#8e24aa', '开工': '#fb8c00', '竣工': '#43a047' };
export const CATEGORIES = ['产业转型', '城市提能', '民生优享', '绿色生态'];
export const ZONE_COLOURS = { district: '#1f4e79', key_zone: '#d81b60', industrial_park: '#6d4c41', logistics: '#00897b',
  rural_showcase: '#7cb342', port: '#039be5' };
export const STATUSES = ['做地', '储备', '出让', '已供'];
export const STATUS_COLOURS = { '做地': '#e53935', '储备': '#8e24aa', '出让': '#1e88e5', '已供': '#424242' };
// Level-1 classes of 国土空间调查、规划、用途管制用地用海分类 (2023), in the PNG tiles' and the map style's colours
// (tiles/raster/Palette.java; FrontendPaletteTest keeps the two equal).
export const LANDUSE = [
  ['01', '耕地', '#f5f8dc'], ['02', '园地', '#bfe9aa'], ['03', '林地', '#68b167'], ['06', '农业设施建设用地', '#d8d79f'],
  ['07', '居住用地', '#ffff2d'], ['08', '公共管理与公共服务用地', '#ff69b4'], ['09', '商业服务业用地', '#ff0000'],
  ['10', '工矿用地', '#bb9674'], ['11', '仓储用地', '#8761d3'], ['12', '交通运输用地', '#b4b4b4'],
  ['13', '公用设施用地', '#008cff'], ['14', '绿地与开敞空间用地', '#00ff00'], ['15', '特殊用地', '#85a395'],
  ['17', '陆地水域', '#4db6f5'], ['23', '其他土地', '#d9d9d9']
];
export const LANDUSE_COLOURS = Object.fromEntries(LANDUSE.map(([code, , colour]) => [code, colour]));
/** Zoom from which parcels are outlined by status. */
export const STATUS_OUTLINE_ZOOM = 15;

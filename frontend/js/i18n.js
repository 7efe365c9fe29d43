// Every label in the page, in Chinese (the default) and English. Use t(key); data-i18n="key" on
// an element sets its text, data-i18n-label="key" its aria-label and title, data-i18n-ph its placeholder.
const TEXT = {
  'zh-CN': {
    title: '路桥区城乡建设项目地图', other: 'English', otherLang: 'Switch to English', signIn: '登录',
    panel: '面板', panelToggle: '显示或隐藏面板',
    tabFind: '查找', tabQuery: '地块查询', tabZone: '区块统计', tabMeasure: '量测',
    search: '搜索名称或编号', searchLabel: '搜索区块、项目、地块（名称或编号）',
    stage: '阶段', category: '类别', zone: '所在区块', investment: '投资（万元）', invMin: '最小', invMax: '最大',
    landuse: '用地分类', allZones: '全部区块', allLanduse: '全部用地', clear: '清除筛选', clearMeasure: '清除量测',
    results: '结果', noResults: '没有符合条件的结果', resultCount: '{n} 条结果',
    zones: '区块', projects: '项目', parcels: '地块',
    kind: '类型', unit: '责任单位', area: '面积', length: '长度', mu: '亩', ha: '公顷', code: '编号',
    overviewParcels: '地块数', overviewHint: '此缩放级别按用地分类合并显示，放大可查看单个地块',
    planned_start: '计划开工', planned_finish: '计划竣工', actual_start: '实际开工', actual_finish: '实际竣工',
    parcel_no: '地块编号', landuse_code: '用地代码', landuse_name: '用地类型', landuse_l1_name: '用地大类',
    status: '整治状态', renovation: '低效用地整治', farmland_protected: '耕地保护', town: '街镇',
    yes: '是', no: '否', statistics: '统计',
    drawRect: '画矩形', drawPolygon: '画多边形', pickZone: '按区块查询', runZone: '查询', queryHint: '画一个矩形或多边形，或选择一个区块，统计其中的地块面积。',
    queryArea: '查询范围面积', total: '合计', count: '宗数', byLanduse: '按用地分类', byStatus: '按整治状态', byTown: '按街镇',
    exportCsv: '导出 CSV', exportGeojson: '导出 GeoJSON', clearQuery: '清除查询', querying: '正在查询…',
    redLine: '按红线文件查询', redLineFile: '选择红线文件（Shapefile 压缩包、KML、GeoJSON、CSV 坐标）',
    redLineCrs: '坐标系', redLineFromFile: '按文件识别', redLineReading: '正在读取红线文件…',
    redLineRead: '{name}：{n} 个多边形，{crs}，{mu} 亩',
    identifyTool: '点查：单击地图列出该处的区块、项目和地块', identifyAt: '位置', identifyNone: '无',
    identifyFailed: '点查失败：', wan: '万元',
    measureDistance: '量距离', measureArea: '量面积', measureHint: '在地图上单击添加节点，双击或单击最后一点结束。',
    distance: '距离', m: '米', km: '千米', m2: '平方米',
    zoneHint: '在地图上单击一个区块，或在此选择：', zoneProjects: '项目', zoneInvestment: '总投资（万元）',
    zoneParcels: '地块', byStage: '各阶段项目数', landuseArea: '各用地分类面积（亩）',
    basemaps: '底图', overlays: '图层', legend: '图例',
    'basemap.none': '无底图（区界）', 'basemap.osm': 'OpenStreetMap', 'basemap.tianditu-vector': '天地图 矢量',
    'basemap.tianditu-imagery': '天地图 影像', 'basemap.amap': '高德地图',
    basemapFailed: '底图瓦片无法加载，专题图层不受影响。',
    failed: '数据加载失败：', notFound: '未找到：',
    'kind.district': '行政区', 'kind.key_zone': '重点区块', 'kind.industrial_park': '产业园区', 'kind.logistics': '物流片区',
    'kind.rural_showcase': '乡村示范片区', 'kind.port': '港口渔业',
    statusOutline: '地块状态（轮廓，15 级以上）',
    asOf: '时点', asOfDate: '选择日期', asOfNow: '现在', asOfShown: '截至 {date}', asOfNowShown: '当前',
    chain: '项目链', loading: '正在加载…', chainFailed: '项目链无法加载：', planned: '计划', actual: '实际',
    onTime: '按期', daysLate: '晚 {n} 天', daysEarly: '早 {n} 天', overdueDays: '逾期 {n} 天', skipped: '跳过',
    overdueBadge: '逾期：{stage} 已超计划 {n} 天', movedBack: '退回', landToStart: '拿地即开工：{n} 天（{date} 拿地）',
    recordMove: '记录阶段变更', moveTo: '变更到', moveDate: '发生日期', moveNote: '备注', moveSubmit: '记录', moved: '已记录：{date} 进入{stage}',
    tabEdit: '编辑', editHint: '在弹窗中点“编辑”修改要素，或新画一个要素。保存时若他人已先修改，将提示重新加载。',
    editNew: '新建', editNewFeature: '（新要素）', edit: '编辑', save: '保存', reshape: '修改形状', delete: '删除',
    undelete: '恢复删除', cancel: '取消', restore: '恢复此版本', history: '修改历史', historyEmpty: '尚无修改记录。',
    'draw.marker': '画点', 'draw.polyline': '画线', 'draw.polygon': '画面',
    reshapeHint: '拖动节点修改形状，完成后点“保存”。', editStale: '此要素已被他人修改，请重新加载后再改。',
    editRefused: '未保存：', reload: '重新加载', repairedNote: '（几何已自动修复）',
    'edit.saved': '已保存。', 'edit.created': '已新建。', 'edit.deleted': '已删除（可恢复）。', 'edit.undeleted': '已恢复删除。',
    'edit.restored': '已恢复到所选版本。',
    'action.create': '新建', 'action.update': '修改', 'action.delete': '删除', 'action.undelete': '恢复删除',
    'action.restore': '恢复版本', 'action.import': '导入',
    name_zh: '名称', name_en: '英文名称', description: '说明', public: '公开', investment_wan: '投资（万元）',
    responsible_unit: '责任单位', owner: '权属人',
    landusePickerHint: '输入代码、名称或大类，如 0101、水田、耕地', geometryArea: '几何已修改，Δ 面积 {m2} 平方米（{mu} 亩）',
    geometryLength: '几何已修改，Δ 长度 {m} 米', geometryMoved: '几何已修改',
    tabTransfer: '导入导出', transferExport: '导出', transferImport: '导入（工作人员）', transferLayer: '图层',
    transferFormat: '格式', transferCrs: '坐标系', transferEncoding: '字符编码', transferDownload: '下载',
    transferFile: '选择文件（GeoJSON、Shapefile 压缩包、CSV、GeoPackage）', transferFromFile: '按文件自动识别',
    transferUpload: '上传并试导入', transferChooseFile: '请先选择文件', transferReading: '正在读取…',
    transferRead: '读取', transferAccepted: '可导入', transferRejected: '拒绝', transferSource: '源字段',
    transferTarget: '导入为', transferSkip: '（不导入）', transferReason: '原因', transferCommit: '确认导入',
    transferCancel: '取消', transferDone: '已导入要素数：',
    // dashboard, compliance, investment map
    dashboard: '项目看板', dashboardTitle: '路桥区项目看板', mapPage: '地图', investPage: '招商地图', print: '打印', embed: '嵌入', embedTitle: '嵌入此地图',
    paper: '纸张', kpiProjects: '项目数', kpiInvestment: '总投资（亿元）', kpiLarge: '亿元以上项目', kpiMajor: '50亿元以上项目',
    kpiNewStarts: '{year}年新开工', target: '目标', ofTarget: '目标 {n}', projectsByStage: '各阶段项目', projectsByCategory: '各类别项目',
    projectsByZone: '各区块项目', projectsByTown: '各街镇项目', countAxis: '项目数', investmentAxis: '投资（亿元）',
    landByStatus: '做地、储备、出让（亩）与“三个千亩”目标', landStatusByTown: '各街镇地块面积（亩，按状态）',
    landStatusByZone: '各区块地块面积（亩，按状态）', landRenovationByTown: '各街镇低效用地整治面积（亩）',
    landRenovationByZone: '各区块低效用地整治面积（亩）', overdue: '逾期项目', overdueNA: '逾期项目无法加载。',
    overdueNone: '没有逾期项目。', lateStage: '应达阶段', plannedDate: '计划日期', daysOverdue: '逾期天数',
    compliance: '合规检查：永久基本农田与用地冲突', complianceLayer: '用地冲突', farmlandMu: '占永久基本农田（亩）',
    landuseMu: '用地类型冲突（亩）', crossingM: '穿越长度（米）', noConflicts: '没有冲突。', conflictsOf: '合规冲突',
    filterBy: '地图筛选：{v}', showAll: '显示全部', csv: 'CSV', exportXlsx: '导出 Excel', noZone: '不在区块内', noTown: '未定',
    outsideZones: '区块外', availableParcels: '可供地块', investTitle: '路桥区招商地图', investIntro: '储备和做地中的地块，可供投资者选址。',
    areaRange: '面积（亩）', apply: '筛选', parcelCount: '{n} 宗地块，共 {mu} 亩', contact: '联系方式', largest: '面积最大的地块',
    zoneName: '所在区块',
    // printing a thematic map (print: 打印, paper: 纸张 above)
    printTitle: '打印专题图', printNote: '按当前视图、显示的图层和筛选生成地图；未登录时只含公开数据。',
    printOrientation: '方向', printPortrait: '纵向', printLandscape: '横向', printFormat: '格式', printMapTitle: '标题',
    printDefaultTitle: '路桥区城乡建设项目专题图', printRun: '生成并下载', printClose: '关闭', printing: '正在生成…',
    printDone: '已下载 {name}', printFailed: '打印失败：',
    batchTitle: '批量修改整治状态', batchNewStatus: '新状态', batchParcels: '查询结果中的地块（{n} 宗，可勾选部分）',
    batchApplyAll: '应用到全部 {n} 宗', batchApplyTicked: '应用到勾选的 {n} 宗',
    batchDone: '已将 {n} 宗地块改为“{status}”（{same} 宗原已是该状态）。', batchStale: '部分地块已被他人修改，已重新查询，请再试一次。',
    batchRefused: '未修改：',
    admin: '用户管理', adminTitle: '用户管理', users: '用户', username: '用户名', password: '密码', roles: '角色',
    userState: '状态', enabled: '启用', disabled: '已停用', tokens: 'API 令牌', actions: '操作', createUser: '新建用户',
    create: '新建', saveRoles: '保存角色', disable: '停用', enable: '启用', resetPassword: '重置密码',
    newPassword: '新密码（至少 12 个字符）', revokeTokens: '吊销令牌', unlock: '解除登录锁定',
    'role.PLANNER': '规划人员', 'role.LAND_STAFF': '土地工作人员', 'role.INSPECTOR': '巡查人员', 'role.ADMIN': '管理员',
    adminOnly: '只有管理员可以管理用户。', userCreated: '已新建用户 {name}。', userSaved: '已保存 {name}。',
    tokensRevoked: '已吊销 {name} 的 {n} 个令牌。', userUnlocked: '已解除 {name} 的登录锁定。',
    passwordReset: '已重置 {name} 的密码。', refused: '未执行：'
  },
  en: {
    title: 'Luqiao urban-rural projects map', other: '中文', otherLang: '切换到中文', signIn: 'Sign in',
    panel: 'Panel', panelToggle: 'Show or hide the panel',
    tabFind: 'Find', tabQuery: 'Parcel query', tabZone: 'Zone statistics', tabMeasure: 'Measure',
    search: 'Search names or codes', searchLabel: 'Search zones, projects, parcels (name or code)',
    stage: 'Stage', category: 'Category', zone: 'Zone', investment: 'Investment (10k CNY)', invMin: 'min', invMax: 'max',
    landuse: 'Land-use class', allZones: 'All zones', allLanduse: 'All land uses', clear: 'Clear filters', clearMeasure: 'Clear measurements',
    results: 'Results', noResults: 'Nothing matches', resultCount: '{n} results',
    zones: 'Zones', projects: 'Projects', parcels: 'Parcels',
    kind: 'Kind', unit: 'Responsible unit', area: 'Area', length: 'Length', mu: 'mu', ha: 'ha', code: 'Code',
    overviewParcels: 'Parcels', overviewHint: 'At this zoom parcels are merged by land-use class; zoom in to see single parcels',
    planned_start: 'Planned start', planned_finish: 'Planned finish', actual_start: 'Actual start', actual_finish: 'Actual finish',
    parcel_no: 'Parcel no.', landuse_code: 'Land-use code', landuse_name: 'Land use', landuse_l1_name: 'Land-use class',
    status: 'Status', renovation: 'Low-efficiency land action', farmland_protected: 'Protected farmland', town: 'Town',
    yes: 'yes', no: 'no', statistics: 'Statistics',
    drawRect: 'Draw rectangle', drawPolygon: 'Draw polygon', pickZone: 'Query a zone', runZone: 'Query', queryHint: 'Draw a rectangle or polygon, or pick a zone, to total the parcel areas in it.',
    queryArea: 'Query area', total: 'Total', count: 'Parcels', byLanduse: 'By land-use class', byStatus: 'By status', byTown: 'By town',
    exportCsv: 'Export CSV', exportGeojson: 'Export GeoJSON', clearQuery: 'Clear query', querying: 'Querying…',
    redLine: 'Query by red-line file', redLineFile: 'Choose a red-line file (zipped shapefile, KML, GeoJSON, CSV of coordinates)',
    redLineCrs: 'Coordinate system', redLineFromFile: 'From the file', redLineReading: 'Reading the red-line file…',
    redLineRead: '{name}: {n} polygon(s), {crs}, {mu} mu',
    identifyTool: 'Identify: click the map to list the zones, projects and parcels there', identifyAt: 'At',
    identifyNone: 'None', identifyFailed: 'Identify failed: ', wan: '10k CNY',
    measureDistance: 'Measure distance', measureArea: 'Measure area', measureHint: 'Click the map to add points; double-click or click the last point to finish.',
    distance: 'Distance', m: 'm', km: 'km', m2: 'm²',
    zoneHint: 'Click a zone on the map, or choose one here:', zoneProjects: 'Projects', zoneInvestment: 'Investment (10k CNY)',
    zoneParcels: 'Parcels', byStage: 'Projects by stage', landuseArea: 'Area by land-use class (mu)',
    basemaps: 'Basemap', overlays: 'Layers', legend: 'Legend',
    'basemap.none': 'No basemap (district)', 'basemap.osm': 'OpenStreetMap', 'basemap.tianditu-vector': 'Tianditu vector',
    'basemap.tianditu-imagery': 'Tianditu imagery', 'basemap.amap': 'Gaode/AMap',
    basemapFailed: 'Basemap tiles could not be loaded; the map layers are unaffected.',
    failed: 'Could not load data: ', notFound: 'Not found: ',
    'kind.district': 'District', 'kind.key_zone': 'Key zone', 'kind.industrial_park': 'Industrial park', 'kind.logistics': 'Logistics',
    'kind.rural_showcase': 'Rural showcase', 'kind.port': 'Fishing port',
    statusOutline: 'Parcel status (outline, zoom 15+)',
    asOf: 'As of', asOfDate: 'Choose a date', asOfNow: 'Now', asOfShown: 'as of {date}', asOfNowShown: 'now',
    chain: 'Project chain', loading: 'Loading…', chainFailed: 'Could not load the project chain: ', planned: 'Planned', actual: 'Actual',
    onTime: 'on time', daysLate: '{n} days late', daysEarly: '{n} days early', overdueDays: '{n} days overdue', skipped: 'skipped',
    overdueBadge: 'Overdue: {stage} is {n} days past its planned date', movedBack: 'moved back',
    landToStart: 'Land to construction start: {n} days (land acquired {date})',
    recordMove: 'Record a stage change', moveTo: 'Move to', moveDate: 'Date it happened', moveNote: 'Note', moveSubmit: 'Record',
    moved: 'Recorded: {stage} on {date}',
    tabEdit: 'Edit', editHint: 'Click "Edit" in a popup to change a feature, or draw a new one. If someone else saved first, you are asked to reload.',
    editNew: 'New', editNewFeature: '(new feature)', edit: 'Edit', save: 'Save', reshape: 'Reshape', delete: 'Delete',
    undelete: 'Undelete', cancel: 'Cancel', restore: 'Restore this version', history: 'History', historyEmpty: 'No changes recorded yet.',
    'draw.marker': 'Draw point', 'draw.polyline': 'Draw line', 'draw.polygon': 'Draw area',
    reshapeHint: 'Drag the vertices, then click "Save".', editStale: 'Someone else changed this feature; reload it and edit again.',
    editRefused: 'Not saved: ', reload: 'Reload', repairedNote: '(the geometry was repaired)',
    'edit.saved': 'Saved.', 'edit.created': 'Created.', 'edit.deleted': 'Deleted (can be undeleted).', 'edit.undeleted': 'Undeleted.',
    'edit.restored': 'Restored the chosen version.',
    'action.create': 'created', 'action.update': 'updated', 'action.delete': 'deleted', 'action.undelete': 'undeleted',
    'action.restore': 'restored', 'action.import': 'imported',
    name_zh: 'Name', name_en: 'English name', description: 'Description', public: 'Public', investment_wan: 'Investment (10k CNY)',
    responsible_unit: 'Responsible unit', owner: 'Owner',
    landusePickerHint: 'Type a code, name or class (e.g. 0101, 水田, Cropland)', geometryArea: 'geometry changed, Δ area {m2} m² ({mu} mu)',
    geometryLength: 'geometry changed, Δ length {m} m', geometryMoved: 'geometry changed',
    tabTransfer: 'Import/export', transferExport: 'Export', transferImport: 'Import (staff)', transferLayer: 'Layer',
    transferFormat: 'Format', transferCrs: 'Coordinate system', transferEncoding: 'Text encoding', transferDownload: 'Download',
    transferFile: 'Choose a file (GeoJSON, zipped shapefile, CSV, GeoPackage)', transferFromFile: 'as the file says',
    transferUpload: 'Upload for a dry run', transferChooseFile: 'Choose a file first', transferReading: 'Reading…',
    transferRead: 'read', transferAccepted: 'importable', transferRejected: 'rejected', transferSource: 'Source field',
    transferTarget: 'Imported as', transferSkip: '(not imported)', transferReason: 'Reason', transferCommit: 'Import',
    transferCancel: 'Cancel', transferDone: 'Features imported:',
    dashboard: 'Dashboard', dashboardTitle: 'Luqiao projects dashboard', mapPage: 'Map', investPage: 'Investment map', print: 'Print', embed: 'Embed', embedTitle: 'Embed this map',
    paper: 'Paper', kpiProjects: 'Projects', kpiInvestment: 'Investment (100M CNY)', kpiLarge: 'Projects of 100M CNY+', kpiMajor: 'Projects of 5bn CNY+',
    kpiNewStarts: 'New starts {year}', target: 'Target', ofTarget: 'target {n}', projectsByStage: 'Projects by stage', projectsByCategory: 'Projects by category',
    projectsByZone: 'Projects by zone', projectsByTown: 'Projects by town', countAxis: 'Projects', investmentAxis: 'Investment (100M CNY)',
    landByStatus: 'Prepared, reserve, transferred land (mu) against the three 1,000-mu targets', landStatusByTown: 'Parcel area by town and status (mu)',
    landStatusByZone: 'Parcel area by zone and status (mu)', landRenovationByTown: 'Low-efficiency land actions by town (mu)',
    landRenovationByZone: 'Low-efficiency land actions by zone (mu)', overdue: 'Overdue projects', overdueNA: 'Could not load the overdue projects.',
    overdueNone: 'No overdue projects.', lateStage: 'Late stage', plannedDate: 'Planned date', daysOverdue: 'Days overdue',
    compliance: 'Compliance: protected farmland and land-use conflicts', complianceLayer: 'Land-use conflicts', farmlandMu: 'Protected farmland (mu)',
    landuseMu: 'Land-use conflict (mu)', crossingM: 'Crossing (m)', noConflicts: 'No conflicts.', conflictsOf: 'Compliance conflicts',
    filterBy: 'Map filter: {v}', showAll: 'Show all', csv: 'CSV', exportXlsx: 'Excel (.xlsx)', noZone: 'In no zone', noTown: 'Unknown',
    outsideZones: 'Outside zones', availableParcels: 'Parcels on offer', investTitle: 'Luqiao investment map', investIntro: 'Parcels in the land reserve or being prepared, available to investors.',
    areaRange: 'Area (mu)', apply: 'Filter', parcelCount: '{n} parcels, {mu} mu in all', contact: 'Contact', largest: 'Largest parcels',
    zoneName: 'Zone',
    printTitle: 'Print a thematic map', printNote: 'Prints the current view with the layers and filters shown; without signing in, public data only.',
    printOrientation: 'Orientation', printPortrait: 'Portrait', printLandscape: 'Landscape', printFormat: 'Format', printMapTitle: 'Title',
    printDefaultTitle: 'Luqiao urban-rural projects map', printRun: 'Create and download', printClose: 'Close', printing: 'Creating…',
    printDone: 'Downloaded {name}', printFailed: 'Printing failed: ',
    batchTitle: 'Change the status of these parcels', batchNewStatus: 'New status',
    batchParcels: 'Parcels of the result ({n}; tick some to change only those)',
    batchApplyAll: 'Apply to all {n}', batchApplyTicked: 'Apply to the {n} ticked',
    batchDone: 'Set {n} parcels to “{status}” ({same} had it already).',
    batchStale: 'Some parcels were changed by someone else; the query was run again, please retry.',
    batchRefused: 'Not changed: ',
    admin: 'Users', adminTitle: 'User administration', users: 'Users', username: 'User name', password: 'Password',
    roles: 'Roles', userState: 'State', enabled: 'enabled', disabled: 'disabled', tokens: 'API tokens',
    actions: 'Actions', createUser: 'New user', create: 'Create', saveRoles: 'Save roles', disable: 'Disable',
    enable: 'Enable', resetPassword: 'Reset password', newPassword: 'New password (12 characters or more)',
    revokeTokens: 'Revoke tokens', unlock: 'Unlock sign-in',
    'role.PLANNER': 'Planner', 'role.LAND_STAFF': 'Land staff', 'role.INSPECTOR': 'Inspector', 'role.ADMIN': 'Administrator',
    adminOnly: 'Only administrators manage users.', userCreated: 'Created the user {name}.', userSaved: 'Saved {name}.',
    tokensRevoked: 'Revoked {n} token(s) of {name}.', userUnlocked: 'Lifted the sign-in pause of {name}.',
    passwordReset: 'Reset the password of {name}.', refused: 'Not done: '
  }
};

// Domain values the server sends in Chinese, with their English names.
const VALUES = {
  '谋划': 'Conceived', '前期': 'Preparatory', '招引': 'Attracted/signed', '开工': 'Under construction', '竣工': 'Completed',
  '产业转型': 'Industry', '城市提能': 'Urban capacity', '民生优享': 'Livelihood', '绿色生态': 'Green/ecology',
  '做地': 'Land preparation', '储备': 'Reserve', '出让': 'Transferred', '已供': 'Supplied',
  '改造提升': 'Upgrade', '盘活置换': 'Revitalise/swap', '倒逼腾退': 'Force out/vacate',
  '耕地': 'Cropland', '园地': 'Orchard', '林地': 'Forest', '农业设施建设用地': 'Agricultural facilities',
  '居住用地': 'Residential', '公共管理与公共服务用地': 'Public services', '商业服务业用地': 'Commercial', '工矿用地': 'Industrial/mining',
  '仓储用地': 'Warehousing', '交通运输用地': 'Transport', '公用设施用地': 'Utilities', '绿地与开敞空间用地': 'Green/open space',
  '特殊用地': 'Special use', '陆地水域': 'Water', '其他土地': 'Other land',
  '路桥街道': 'Luqiao Subdistrict', '路南街道': 'Lunan Subdistrict', '路北街道': 'Lubei Subdistrict', '螺洋街道': 'Luoyang Subdistrict',
  '桐屿街道': 'Tongyu Subdistrict', '峰江街道': 'Fengjiang Subdistrict', '新桥镇': 'Xinqiao Town', '横街镇': 'Hengjie Town',
  '蓬街镇': 'Pengjie Town', '金清镇': 'Jinqing Town', '滨海工业城': 'Binhai Industrial City'
};

// leaflet-draw's own texts (toolbar, tooltips while drawing, edit and delete hints), set as
// L.drawLocal in the page language by translateDraw(); the English is leaflet-draw's.
const DRAW = {
  'zh-CN': {
    draw: {
      toolbar: {
        actions: { title: '取消绘制', text: '取消' },
        finish: { title: '完成绘制', text: '完成' },
        undo: { title: '删除最后画的点', text: '删除最后一点' },
        buttons: { polyline: '画线', polygon: '画多边形', rectangle: '画矩形', circle: '画圆', marker: '画点', circlemarker: '画圆点' }
      },
      handlers: {
        circle: { tooltip: { start: '按住并拖动鼠标画圆。' }, radius: '半径' },
        circlemarker: { tooltip: { start: '单击地图放置圆点。' } },
        marker: { tooltip: { start: '单击地图放置点。' } },
        polygon: { tooltip: { start: '单击开始画多边形。', cont: '单击继续画多边形。', end: '单击第一个点闭合多边形。' } },
        polyline: { error: '<strong>错误：</strong>边不能相交！',
          tooltip: { start: '单击开始画线。', cont: '单击继续画线。', end: '单击最后一个点结束画线。' } },
        rectangle: { tooltip: { start: '按住并拖动鼠标画矩形。' } },
        simpleshape: { tooltip: { end: '松开鼠标完成绘制。' } }
      }
    },
    edit: {
      toolbar: {
        actions: { save: { title: '保存修改', text: '保存' }, cancel: { title: '取消编辑，放弃所有修改', text: '取消' },
          clearAll: { title: '清除所有图层', text: '全部清除' } },
        buttons: { edit: '编辑图层', editDisabled: '没有可编辑的图层', remove: '删除图层', removeDisabled: '没有可删除的图层' }
      },
      handlers: {
        edit: { tooltip: { text: '拖动节点或标记修改要素。', subtext: '单击“取消”撤销修改。' } },
        remove: { tooltip: { text: '单击要素将其删除。' } }
      }
    }
  },
  en: {
    draw: {
      toolbar: {
        actions: { title: 'Cancel drawing', text: 'Cancel' },
        finish: { title: 'Finish drawing', text: 'Finish' },
        undo: { title: 'Delete last point drawn', text: 'Delete last point' },
        buttons: { polyline: 'Draw a polyline', polygon: 'Draw a polygon', rectangle: 'Draw a rectangle', circle: 'Draw a circle',
          marker: 'Draw a marker', circlemarker: 'Draw a circlemarker' }
      },
      handlers: {
        circle: { tooltip: { start: 'Click and drag to draw circle.' }, radius: 'Radius' },
        circlemarker: { tooltip: { start: 'Click map to place circle marker.' } },
        marker: { tooltip: { start: 'Click map to place marker.' } },
        polygon: { tooltip: { start: 'Click to start drawing shape.', cont: 'Click to continue drawing shape.', end: 'Click first point to close this shape.' } },
        polyline: { error: '<strong>Error:</strong> shape edges cannot cross!',
          tooltip: { start: 'Click to start drawing line.', cont: 'Click to continue drawing line.', end: 'Click last point to finish line.' } },
        rectangle: { tooltip: { start: 'Click and drag to draw rectangle.' } },
        simpleshape: { tooltip: { end: 'Release mouse to finish drawing.' } }
      }
    },
    edit: {
      toolbar: {
        actions: { save: { title: 'Save changes', text: 'Save' }, cancel: { title: 'Cancel editing, discards all changes', text: 'Cancel' },
          clearAll: { title: 'Clear all layers', text: 'Clear All' } },
        buttons: { edit: 'Edit layers', editDisabled: 'No layers to edit', remove: 'Delete layers', removeDisabled: 'No layers to delete' }
      },
      handlers: {
        edit: { tooltip: { text: 'Drag handles or markers to edit features.', subtext: 'Click cancel to undo changes.' } },
        remove: { tooltip: { text: 'Click on a feature to remove.' } }
      }
    }
  }
};

export const lang = new URLSearchParams(location.search).get('lang') === 'en' ? 'en' : 'zh-CN';

/**
 * Further texts ({ 'zh-CN': {...}, en: {...} }) and English names of domain values, for code that loads
 * later (the inspections, staff only): their words travel with them, not in every visitor's first load.
 */
export function addTexts(texts, values) {
  Object.keys(texts).forEach((l) => Object.assign(TEXT[l], texts[l]));
  Object.assign(VALUES, values || {});
}

export function t(key, vars) {
  let s = TEXT[lang][key] ?? TEXT['zh-CN'][key] ?? key;
  Object.entries(vars || {}).forEach(([k, v]) => { s = s.replace('{' + k + '}', v); });
  return s;
}

/** A domain value (stage, category, status, land-use class) in the page language. */
export function tv(value) {
  return lang === 'en' && VALUES[value] ? VALUES[value] : value;
}

/** The feature's name in the page language. */
export function featureName(p) {
  return (lang === 'en' && p.name_en) || p.name_zh || '';
}

export function translatePage() {
  document.documentElement.lang = lang;
  document.title = t('title');
  document.querySelectorAll('[data-i18n]').forEach((el) => { el.textContent = t(el.dataset.i18n); });
  document.querySelectorAll('[data-i18n-label]').forEach((el) => {
    el.setAttribute('aria-label', t(el.dataset.i18nLabel));
    el.title = t(el.dataset.i18nLabel);
  });
  document.querySelectorAll('[data-i18n-ph]').forEach((el) => { el.placeholder = t(el.dataset.i18nPh); });
}

/** leaflet-draw's texts in the page language; run before any drawing handler is made (they read some at creation). */
export function translateDraw() {
  if (window.L && L.drawLocal) Object.assign(L.drawLocal, DRAW[lang]);
}

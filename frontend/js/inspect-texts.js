// The words of the inspections (一线督战): the inspection page, the map's inspections layer and popup
// lines, the dashboard's problem panels. Staff only, so they are added to i18n.js's table when that code
// loads instead of riding in every visitor's first load.
import { addTexts } from './i18n.js';

/** The problem categories and statuses as the server names them. */
export const CATEGORIES = ['用地', '规划', '资金', '政策', '施工', '其他'];
export const STATUSES = ['待办', '办理中', '已销号'];

addTexts({
  'zh-CN': {
    inspectTitle: '一线督战 · 现场巡查', inspectPage: '现场巡查', inspections: '巡查', inspectionsLayer: '巡查记录',
    problemsLayer: '项目问题', signInToInspect: '请先登录再记录巡查。',
    inspectProject: '项目', inspectSearch: '搜索项目名称或编号', inspectNearest: '附近的项目', inspectChange: '更换',
    inspectNoMatch: '没有符合的项目', inspectPickFirst: '请先选择项目。',
    visitedAt: '巡查时间', position: '位置', locate: '重新定位', locating: '正在定位…', noPosition: '无法定位：',
    noGeolocation: '此浏览器不能定位', accuracy: '精度 ±{n} 米', distanceTo: '距项目 {d}', farFlag: '超过 500 米，请确认是否在现场',
    onSite: '在项目范围内', progress: '进展情况', progressText: '看到的进展（文字）', progressPercent: '完成比例',
    photos: '照片', addPhotos: '拍照或选择照片', removePhoto: '移除照片', problemsFound: '发现的问题',
    addProblem: '添加问题', removeProblem: '删除此问题', problemCategory: '问题类别', problemDescription: '问题描述',
    department: '责任部门', dueDate: '办结期限', submitVisit: '提交巡查记录', sending: '正在发送…',
    visitSent: '已发送：{project}，{time}', visitSentFar: '已发送，但位置距项目 {d}（超过 500 米）',
    savedOffline: '已保存，联网后发送', queueCount: '待发送 {n} 条', queueSending: '正在发送待发送的记录…',
    queueRefused: '服务器拒绝了一条巡查记录（{project}）：{reason}', queueSignIn: '登录已失效，请重新登录后再发送待发送的记录。',
    queueEmpty: '没有待发送的记录',
    lastVisit: '最近巡查', noVisit: '尚无巡查记录', openProblems: '未销号问题', overdueProblems: '其中逾期 {n} 个',
    inspector: '巡查人', daysAgo: '{n} 天前', today: '今天', recency7: '7 天内', recency30: '30 天内', recencyOlder: '更早',
    problemsNone: '无问题', problemsOpen: '有未销号问题', problemsOverdue: '有逾期问题', summaryFailed: '巡查信息无法加载：',
    problemsPanel: '问题清单', openByDepartment: '各部门未销号与逾期问题', openByZone: '各区块未销号与逾期问题',
    openByCategory: '各类别未销号与逾期问题', openAxis: '未销号', overdueAxis: '逾期', duzhanList: '督战清单（逾期问题最多的项目）',
    duzhanNone: '没有逾期问题。', overdueCount: '逾期问题', openCount: '未销号问题', oldestDue: '最早期限'
  },
  en: {
    inspectTitle: 'Site inspection', inspectPage: 'Inspect', inspections: 'Inspections', inspectionsLayer: 'Inspections',
    problemsLayer: 'Project problems', signInToInspect: 'Sign in to record an inspection.',
    inspectProject: 'Project', inspectSearch: 'Search project name or code', inspectNearest: 'Projects near me', inspectChange: 'Change',
    inspectNoMatch: 'No project matches', inspectPickFirst: 'Choose the project first.',
    visitedAt: 'Visited at', position: 'Position', locate: 'Locate again', locating: 'Locating…', noPosition: 'No position: ',
    noGeolocation: 'This browser cannot locate', accuracy: '±{n} m', distanceTo: '{d} from the project', farFlag: 'more than 500 m away: are you on site?',
    onSite: 'within the project', progress: 'Progress', progressText: 'Progress seen (words)', progressPercent: 'Per cent done',
    photos: 'Photos', addPhotos: 'Take or choose photos', removePhoto: 'Remove photo', problemsFound: 'Problems found',
    addProblem: 'Add a problem', removeProblem: 'Remove this problem', problemCategory: 'Category', problemDescription: 'Description',
    department: 'Responsible department', dueDate: 'Due date', submitVisit: 'Submit the visit', sending: 'Sending…',
    visitSent: 'Sent: {project}, {time}', visitSentFar: 'Sent, but the position is {d} from the project (over 500 m)',
    savedOffline: 'saved, will send when online', queueCount: '{n} waiting to be sent', queueSending: 'Sending the waiting visits…',
    queueRefused: 'The server refused a visit ({project}): {reason}', queueSignIn: 'Your sign-in has expired: sign in again to send the waiting visits.',
    queueEmpty: 'Nothing waiting',
    lastVisit: 'Last visit', noVisit: 'Not visited yet', openProblems: 'Open problems', overdueProblems: '{n} overdue',
    inspector: 'Inspector', daysAgo: '{n} days ago', today: 'today', recency7: 'within 7 days', recency30: 'within 30 days', recencyOlder: 'older',
    problemsNone: 'no problems', problemsOpen: 'open problems', problemsOverdue: 'overdue problems', summaryFailed: 'Could not load the inspections: ',
    problemsPanel: 'Problem list', openByDepartment: 'Open and overdue problems by department', openByZone: 'Open and overdue problems by zone',
    openByCategory: 'Open and overdue problems by category', openAxis: 'Open', overdueAxis: 'Overdue', duzhanList: 'Projects to chase (most overdue problems)',
    duzhanNone: 'No overdue problems.', overdueCount: 'Overdue problems', openCount: 'Open problems', oldestDue: 'Earliest due'
  }
}, {
  '用地': 'Land', '规划': 'Planning', '资金': 'Funding', '政策': 'Policy', '施工': 'Construction', '其他': 'Other',
  '待办': 'To do', '办理中': 'In progress', '已销号': 'Closed'
});

/** A distance in metres as people read it: metres below a kilometre, kilometres with one decimal above. */
export function distanceText(metres, t) {
  return metres < 1000 ? Math.round(metres) + ' ' + t('m') : (metres / 1000).toFixed(1) + ' ' + t('km');
}

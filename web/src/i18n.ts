// The console's words: Chinese first (the default and the fallback), English second.
// Each page family keeps its words in locales/<family>.ts; the shell's and inbox's are here.
import { createI18n } from 'vue-i18n';
import * as intake from './locales/intake.js';
import * as task from './locales/task.js';
import * as matters from './locales/matters.js';
import * as monitor from './locales/monitor.js';
import * as statistics from './locales/statistics.js';
import * as designer from './locales/designer.js';
import * as admin from './locales/admin.js';
import * as letters from './locales/letters.js';

export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
const LOCALE_KEY = 'gc.locale';

const zh = {
  app: { title: '综治中心案件系统', signOut: '退出登录', comingSoon: '即将提供', otherLanguage: 'English' },
  nav: {
    inbox: '我的待办',
    intake: '窗口受理',
    matters: '事项',
    monitor: '流程监控',
    statistics: '统计',
    designer: '流程设计',
    users: '用户管理',
    audit: '审计日志',
    letters: '函件',
    deliveries: '消息投递',
  },
  login: {
    title: '登录',
    username: '用户名',
    password: '密码',
    submit: '登录',
    required: '请输入用户名和密码',
    bad: '用户名或密码错误',
    limited: '尝试次数过多，请稍后再试',
    failed: '登录失败，请稍后再试',
    expired: '会话已过期，请重新登录',
    signedOut: '您已退出登录',
  },
  inbox: {
    mine: '我的',
    unit: '本单位',
    unassigned: '未认领',
    all: '辖区全部',
    code: '受理编号',
    task: '任务',
    type: '事项类型',
    category: '纠纷类别',
    region: '区域',
    risk: '风险',
    due: '办理期限',
    age: '创建时间',
    state: '认领状态',
    actions: '操作',
    claim: '认领',
    unclaim: '退回',
    assign: '指派',
    claimed: '已认领（本人）',
    claimedBy: '{who} 已认领',
    unclaimed: '未认领',
    assignedToMe: '指定由我办理（未认领）',
    assignedToOther: '指定由 {who} 办理（未认领）',
    claimedNow: '已认领',
    unclaimedNow: '已退回未认领',
    assignedTo: '已指派给 {who}',
    empty: '暂无待办',
    overdue: '已超期',
    loadFailed: '待办加载失败',
    live: '每 10 秒自动刷新 · 最近 {time}',
    sortBy: '排序',
    order: '顺序',
    sort: { due: '办理期限', risk: '风险等级', age: '等待时长' },
    asc: { due: '最早到期在前', risk: '红色在前', age: '最久在前' },
    desc: { due: '最晚到期在前', risk: '绿色在前', age: '最新在前' },
    any: '全部',
    overdueOnly: '只看超期',
    reset: '清除筛选',
    assignTitle: '指派任务',
    assignUnit: '单位',
    assignTo: '指派给',
    assignPick: '选择本单位人员',
    assignNobody: '该单位暂无在岗人员',
    cancel: '取消',
  },
};

const en: typeof zh = {
  app: {
    title: 'Governance centre case system',
    signOut: 'Sign out',
    comingSoon: 'Coming soon',
    otherLanguage: '中文',
  },
  nav: {
    inbox: 'My tasks',
    intake: 'Window intake',
    matters: 'Matters',
    monitor: 'Monitor',
    statistics: 'Statistics',
    designer: 'Process design',
    users: 'Users',
    audit: 'Audit log',
    letters: 'Letters',
    deliveries: 'Message delivery',
  },
  login: {
    title: 'Sign in',
    username: 'User name',
    password: 'Password',
    submit: 'Sign in',
    required: 'Enter your user name and password',
    bad: 'Wrong user name or password',
    limited: 'Too many attempts, try again later',
    failed: 'Sign-in failed, try again later',
    expired: 'Your session has expired, please sign in again',
    signedOut: 'You have signed out',
  },
  inbox: {
    mine: 'Mine',
    unit: 'My unit',
    unassigned: 'Unclaimed',
    all: 'All in my area',
    code: 'Tracking code',
    task: 'Task',
    type: 'Matter type',
    category: 'Category',
    region: 'Region',
    risk: 'Risk',
    due: 'Due',
    age: 'Created',
    state: 'Claimed by',
    actions: 'Actions',
    claim: 'Claim',
    unclaim: 'Give back',
    assign: 'Assign',
    claimed: 'Claimed (by me)',
    claimedBy: 'Claimed by {who}',
    unclaimed: 'Unclaimed',
    assignedToMe: 'Assigned to me (not claimed)',
    assignedToOther: 'Assigned to {who} (not claimed)',
    claimedNow: 'Claimed',
    unclaimedNow: 'Given back, unclaimed',
    assignedTo: 'Assigned to {who}',
    empty: 'Nothing to do',
    overdue: 'Overdue',
    loadFailed: 'The inbox could not be loaded',
    live: 'Refreshes every 10 s · last {time}',
    sortBy: 'Sort',
    order: 'Order',
    sort: { due: 'Due date', risk: 'Risk', age: 'Waiting time' },
    asc: { due: 'Earliest due first', risk: 'Red first', age: 'Oldest first' },
    desc: { due: 'Latest due first', risk: 'Green first', age: 'Newest first' },
    any: 'Any',
    overdueOnly: 'Overdue only',
    reset: 'Clear filters',
    assignTitle: 'Assign the task',
    assignUnit: 'Unit',
    assignTo: 'Assign to',
    assignPick: 'Pick someone of the unit',
    assignNobody: 'Nobody of this unit is active',
    cancel: 'Cancel',
  },
};

function savedLocale(): Locale {
  try {
    return localStorage.getItem(LOCALE_KEY) === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

export const i18n = createI18n({
  legacy: false,
  locale: savedLocale(),
  fallbackLocale: 'zh-CN',
  messages: {
    'zh-CN': {
      ...zh,
      intake: intake.zh,
      task: task.zh,
      matters: matters.zh,
      monitor: monitor.zh,
      statistics: statistics.zh,
      designer: designer.zh,
      admin: admin.zh,
      letters: letters.zh,
    },
    en: {
      ...en,
      intake: intake.en,
      task: task.en,
      matters: matters.en,
      monitor: monitor.en,
      statistics: statistics.en,
      designer: designer.en,
      admin: admin.en,
      letters: letters.en,
    },
  },
});

/** Switches the console's language (remembered in this browser); Chinese is the default. */
export function setLocale(locale: Locale): void {
  i18n.global.locale.value = locale;
  document.documentElement.lang = locale;
  try {
    localStorage.setItem(LOCALE_KEY, locale);
  } catch {
    /* private mode: this tab only */
  }
}

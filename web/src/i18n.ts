// The console's words: Chinese first (the default and the fallback), English second.
import { createI18n } from 'vue-i18n';

const zh = {
  app: { title: '综治中心案件系统', signOut: '退出登录', comingSoon: '即将提供' },
  nav: { inbox: '我的待办', intake: '窗口受理', matters: '事项', monitor: '流程监控', statistics: '统计' },
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
    code: '受理编号',
    task: '任务',
    type: '事项类型',
    risk: '风险',
    due: '办理期限',
    state: '状态',
    actions: '操作',
    claim: '认领',
    claimed: '已认领',
    empty: '暂无待办',
    overdue: '已超期',
    loadFailed: '待办加载失败',
  },
};

const en: typeof zh = {
  app: { title: 'Governance centre case system', signOut: 'Sign out', comingSoon: 'Coming soon' },
  nav: { inbox: 'My tasks', intake: 'Window intake', matters: 'Matters', monitor: 'Monitor', statistics: 'Statistics' },
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
    code: 'Tracking code',
    task: 'Task',
    type: 'Matter type',
    risk: 'Risk',
    due: 'Due',
    state: 'State',
    actions: 'Actions',
    claim: 'Claim',
    claimed: 'Claimed',
    empty: 'Nothing to do',
    overdue: 'Overdue',
    loadFailed: 'The inbox could not be loaded',
  },
};

export const i18n = createI18n({
  legacy: false,
  locale: 'zh-CN',
  fallbackLocale: 'zh-CN',
  messages: { 'zh-CN': zh, en },
});

// The staff console's pages. Everything but sign-in needs a session.
import { createRouter, createWebHistory } from 'vue-router';
import { session } from './session.js';
import LoginPage from './pages/LoginPage.vue';
import ShellPage from './pages/ShellPage.vue';
import InboxPage from './pages/InboxPage.vue';
import IntakePage from './pages/IntakePage.vue';
import ReceiptPage from './pages/ReceiptPage.vue';
import TaskPage from './pages/TaskPage.vue';
import MattersPage from './pages/MattersPage.vue';
import MatterPage from './pages/MatterPage.vue';

export const router = createRouter({
  history: createWebHistory(),
  routes: [
    { path: '/login', name: 'login', component: LoginPage, meta: { public: true } },
    {
      path: '/',
      component: ShellPage,
      children: [
        { path: '', redirect: { name: 'inbox' } },
        { path: 'inbox', name: 'inbox', component: InboxPage },
        { path: 'intake', name: 'intake', component: IntakePage },
        { path: 'receipt/:id', name: 'receipt', component: ReceiptPage, props: true },
        { path: 'tasks/:key', name: 'task', component: TaskPage, props: true },
        { path: 'matters', name: 'matters', component: MattersPage },
        { path: 'matters/:id', name: 'matter', component: MatterPage, props: true },
        // The pages below carry big libraries (bpmn-js, ECharts): each is its own chunk, loaded on use.
        { path: 'monitor', name: 'monitor', component: () => import('./pages/MonitorPage.vue') },
        {
          path: 'monitor/:key',
          name: 'monitor-instance',
          component: () => import('./pages/MonitorInstancePage.vue'),
          props: true,
        },
        { path: 'statistics', name: 'statistics', component: () => import('./pages/StatisticsPage.vue') },
        { path: 'designer', name: 'designer', component: () => import('./pages/DesignerPage.vue') },
        { path: 'admin/users', name: 'users', component: () => import('./pages/UsersPage.vue') },
        { path: 'admin/audit', name: 'audit', component: () => import('./pages/AuditPage.vue') },
        { path: 'letters', name: 'letters', component: () => import('./pages/LettersPage.vue') },
        {
          path: 'admin/deliveries',
          name: 'deliveries',
          component: () => import('./pages/DeliveriesPage.vue'),
        },
      ],
    },
    { path: '/:rest(.*)*', redirect: { name: 'inbox' } },
  ],
});

router.beforeEach((to) => {
  if (!to.meta.public && !session.token) return { name: 'login', query: { next: to.fullPath } };
  return true;
});

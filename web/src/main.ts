// The staff console: Element Plus in Chinese, vue-i18n (zh-CN first), vue-router.
import { createApp } from 'vue';
import ElementPlus from 'element-plus';
import zhCn from 'element-plus/es/locale/lang/zh-cn';
import 'element-plus/dist/index.css';
import './theme.css';
import App from './App.vue';
import { router } from './router.js';
import { i18n, setLocale } from './i18n.js';
import { whenSessionExpires } from './api.js';

whenSessionExpires(() => {
  void router.push({ name: 'login', query: { expired: '1' } });
});

setLocale(i18n.global.locale.value);
createApp(App).use(ElementPlus, { locale: zhCn }).use(i18n).use(router).mount('#app');

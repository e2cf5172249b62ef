// The citizen's page at /track/<code> (the QR on every receipt): its own small bundle, Vue only.
import { createApp } from 'vue';
import TrackPage from './TrackPage.vue';

createApp(TrackPage).mount('#app');

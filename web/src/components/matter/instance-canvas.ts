// The life of a diagram canvas (BpmnCanvas.vue, ../monitor/MonitorCanvas.vue): bpmn-viewer.ts is loaded
// when the canvas mounts (its own chunk), the viewer made on the host element, `draw` run on it, and the
// viewer destroyed with the canvas. A failure to load or draw calls `failed` (the card says so).
import { onBeforeUnmount, onMounted, type Ref } from 'vue';
import type { Viewer } from './bpmn-viewer.js';

type Bpmn = typeof import('./bpmn-viewer.js');

export function useInstanceCanvas(
  host: Ref<HTMLElement | undefined>,
  draw: (bpmn: Bpmn, viewer: Viewer) => Promise<void>,
  failed: () => void,
): void {
  let viewer: Viewer | null = null;
  onMounted(async () => {
    try {
      const bpmn = await import('./bpmn-viewer.js');
      if (!host.value) return;
      viewer = bpmn.createViewer(host.value);
      await draw(bpmn, viewer);
    } catch {
      failed();
    }
  });
  onBeforeUnmount(() => {
    viewer?.destroy();
    viewer = null;
  });
}

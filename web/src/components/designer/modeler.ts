// bpmn-js's Modeler with the Zeebe properties panel, Camunda 8 modelling behaviours and live bpmnlint
// (our policy plugin, bpmn/lint/browser.ts), plus the viewer and differ for the diff: all in this one
// chunk, loaded only on the designer page.
import Modeler from 'bpmn-js/lib/Modeler';
import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import {
  BpmnPropertiesPanelModule,
  BpmnPropertiesProviderModule,
  ZeebePropertiesProviderModule,
} from 'bpmn-js-properties-panel';
import ZeebeBehaviorsModule from 'camunda-bpmn-js-behaviors/lib/camunda-cloud';
import LintModule from 'bpmn-js-bpmnlint';
import { diff } from 'bpmn-js-differ';
import zeebeModdle from 'zeebe-bpmn-moddle/resources/zeebe.json';
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn-embedded.css';
import '@bpmn-io/properties-panel/assets/properties-panel.css';
import 'bpmn-js-bpmnlint/dist/assets/css/bpmn-js-bpmnlint.css';
import { browserLint, type ServerLintFacts } from '../../../../bpmn/lint/browser.js';

/** What the page uses of a bpmn-js instance (bpmn-js's own types are loose about `get`). */
export interface Diagram {
  importXML(xml: string): Promise<{ warnings: unknown[] }>;
  saveXML(opts?: { format?: boolean }): Promise<{ xml?: string }>;
  getDefinitions(): unknown;
  get<T = any>(name: string): T; // eslint-disable-line @typescript-eslint/no-explicit-any
  on(event: string, fn: (e: any) => void): void; // eslint-disable-line @typescript-eslint/no-explicit-any
  destroy(): void;
}

export function createModeler(container: HTMLElement, panel: HTMLElement, facts: ServerLintFacts): Diagram {
  return new Modeler({
    container,
    propertiesPanel: { parent: panel },
    additionalModules: [
      BpmnPropertiesPanelModule,
      BpmnPropertiesProviderModule,
      ZeebePropertiesProviderModule,
      ZeebeBehaviorsModule,
      LintModule,
    ],
    moddleExtensions: { zeebe: zeebeModdle },
    linting: { bpmnlint: browserLint(facts), active: true },
  } as ConstructorParameters<typeof Modeler>[0]) as unknown as Diagram;
}

export function createViewer(container: HTMLElement): Diagram {
  return new NavigatedViewer({ container, moddleExtensions: { zeebe: zeebeModdle } }) as unknown as Diagram;
}

export { diff };

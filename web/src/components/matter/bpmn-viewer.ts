// bpmn-js's viewer and its styles, loaded only when a diagram is shown (its own chunk).
import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';

export default NavigatedViewer;

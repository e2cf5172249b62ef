// Per model: which subprocesses are drawn collapsed, and grid cells [column, row] where the
// arranger's guess reads worse than a designer's choice. Keyed by file name.
import type { ModelHints } from './index.js';
import type { Hints } from './types.js';

/** The main row of `Sub_Work`: the dispute's path, with the ladder, agreement and closing. */
const R = 9;

/**
 * `Sub_Work` as a designer lays it out: the supervision track along the top, then the short
 * branches (consultation, complaint, petition) that go straight to closing, then the dispute's
 * main row (ladder → agreement → judicial confirmation → fulfilment → close), the non-litigation
 * route under it and litigation, the last resort, at the bottom. `red` makes room for the county
 * leader's step (the county-leader variant) between the type gateway and the ladder.
 */
function subWork(red: boolean): Hints {
  const k = red ? 5 : 0;
  const A = 10 + k;
  const main: Record<string, [number, number]> = {
    Start_Work: [0, R],
    Gw_WorkFork: [1, R],
    Gw_Type: [2, R],
    Sub_Ladder: [3 + k, R],
    Gw_Agreed: [A, R],
    Gw_Confirm: [A + 1, R],
    Task_RequestConfirmation: [A + 2, R],
    Wait_Confirmation: [A + 3, R],
    Task_RecordConfirmation: [A + 4, R],
    Gw_ConfirmDone: [A + 5, R],
    Task_FulfilmentPeriod: [A + 6, R],
    Timer_FulfilmentDue: [A + 7, R],
    Task_CheckDeadline: [A + 8, R],
    Task_CheckFulfilment: [A + 9, R],
    Task_CheckSheet: [A + 10, R + 1],
    End_CheckSheet: [A + 11, R + 1],
    Gw_Fulfilled: [A + 12, R],
    Task_AgreedResolved: [A + 13, R],
    Gw_Close: [A + 14, R],
    Task_Close: [A + 15, R],
    End_Handled: [A + 16, R],
    // No agreement: a non-litigation route if there is one, else (or when it fails) the court.
    Gw_Route: [A + 1, R + 2],
    Task_Refer: [A + 2, R + 2],
    Wait_RouteOutcome: [A + 3, R + 2],
    Gw_RouteResolved: [A + 4, R + 2],
    Task_Referred: [A + 5, R + 2],
    Gw_LitJoin: [A + 4, R + 3],
    Task_Litigation: [A + 5, R + 3],
    Wait_CourtOutcome: [A + 6, R + 3],
    Task_RecordCourt: [A + 7, R + 3],
    Task_CourtClosure: [A + 8, R + 3],
    // Supervision by risk grade, in parallel with the handling.
    Gw_Supervise: [2, 0],
    Task_OpenSupervision: [3, 0],
    Task_Supervise: [4, 0],
    Task_RecordSupervision: [5, 0],
    Gw_SupervisionDone: [6, 0],
    End_Supervision: [7, 0],
    Task_SupervisionOverdue: [5, 1],
    End_SupervisionOverdue: [6, 1],
    // Consultation and counselling.
    Task_AnswerDeadline: [3, 2],
    Task_Answer: [4, 2],
    Task_AnswerResolved: [5, 2],
    Task_AnswerSheet: [5, 3],
    End_AnswerSheet: [6, 3],
    // Complaint, with its three deadline timers.
    Task_Dispatch: [3, 4],
    Task_ComplaintDeadline: [4, 4],
    Task_AnswerComplaint: [5, 4],
    Task_ComplaintResolved: [6, 4],
    Task_ComplaintSheet: [6, 5],
    End_ComplaintSheet: [7, 5],
    Task_ComplaintWarning: [6, 6],
    End_ComplaintWarned: [7, 6],
    Task_ComplaintReminder: [6, 7],
    End_ComplaintReminded: [7, 7],
    // Petition.
    Call_Petition: [3, 8],
    Task_PetitionClosure: [4, 8],
  };
  if (red)
    Object.assign(main, {
      Gw_Red: [3, R],
      Task_LeaderDeadline: [4, R],
      Task_LeaderTakesCase: [5, R],
      Task_RecordLeader: [6, R],
      Gw_RedDone: [7, R],
      Task_LeaderSheet: [6, R + 1],
      End_LeaderSheet: [7, R + 1],
    });
  return { pos: main, padTop: 110, span: { Sub_Ladder: 7 } };
}

const ladder: Hints = {
  gapAfterCol: { 2: 110 },
  pos: {
    Start_Ladder: [0, 0],
    Gw_LoopJoin: [1, 0],
    Gw_TierKind: [2, 0],
    Call_Mediation: [3, 0],
    Call_Joint: [3, 1],
    Gw_Mediated: [4, 0],
    Gw_LadderOutcome: [5, 0],
    End_Agreed: [6, 0],
    Task_Escalate: [6, 1],
    Gw_Exhausted: [7, 1],
    End_Exhausted: [8, 1],
  },
};

const handle: Hints = {
  pos: {
    Start_Handle: [0, 0],
    Gw_Fork: [1, 0],
    Sub_Work: [3, 0],
    End_Work: [5, 0],
    Gw_Urgent: [2, 1],
    Task_Protect: [3, 1],
    Task_ProtectDeadline: [4, 1],
    Task_ConfirmProtection: [5, 1],
    Task_ProtectSheet: [6, 2],
    End_ProtectSheet: [7, 2],
    Gw_UrgentDone: [7, 1],
    End_Urgent: [8, 1],
  },
};

/** The matter's life: received → handled → follow-up; reopening one tier up loops back under it. */
function root(island: boolean): Hints {
  const k = island ? 1 : 0;
  const pos: Record<string, [number, number]> = {
    Start_Matter: [0, 0],
    Task_Triage: [1, 0],
    Task_NotifyReceived: [2 + k, 0],
    Gw_HandleAgain: [3 + k, 0],
    Sub_Handle: [4 + k, 0],
    Call_FollowUp: [5 + k, 0],
    Gw_Reopen: [6 + k, 0],
    End_Closed: [7 + k, 0],
    Task_Reopen: [6 + k, 1],
  };
  if (island) pos.Task_SkipVillage = [2, 0];
  return { pos };
}

const dispute = (id: string, variant?: 'island' | 'red'): ModelHints => ({
  collapsed: ['Sub_Handle', 'Sub_Work'],
  containers: {
    [id]: root(variant === 'island'),
    Sub_Work: subWork(variant === 'red'),
    Sub_Ladder: ladder,
    Sub_Handle: handle,
  },
});

/** Petitions: not accepted above the acceptance, the extension loop drawn back over the handling. */
const petition: Hints = {
  pos: {
    Start_Petition: [0, 2],
    Task_AcceptDeadline: [1, 2],
    Task_DecideAcceptance: [2, 2],
    Gw_Accepted: [3, 2],
    Task_AcceptSheet: [3, 3],
    End_AcceptSheet: [4, 3],
    Task_AcceptWarning: [3, 4],
    End_AcceptWarned: [4, 4],
    Task_AcceptReminder: [3, 5],
    End_AcceptReminded: [4, 5],
    Task_NotAccepted: [4, 1],
    Task_RecordNotAccepted: [5, 1],
    End_NotAccepted: [6, 1],
    Task_RecordAccepted: [4, 2],
    Task_HandleDeadline: [5, 2],
    Gw_Handle: [7, 2],
    Task_HandlePetition: [8, 2],
    Task_Extend: [8, 1],
    Task_ExtensionRefused: [8, 0],
    Gw_Extend: [9, 2],
    Task_HandleSheet: [9, 3],
    End_HandleSheet: [10, 3],
    Task_HandleWarning: [9, 4],
    End_HandleWarned: [10, 4],
    Task_HandleReminder: [9, 5],
    End_HandleReminded: [10, 5],
    Task_Handled: [10, 2],
    End_Handled: [11, 2],
  },
};

export const HINTS: Record<string, ModelHints> = {
  'petition-handling.bpmn': { containers: { 'petition-handling': petition } },
  'dispute-resolution.bpmn': dispute('dispute-resolution'),
  'dispute-resolution-island.bpmn': dispute('dispute-resolution-island', 'island'),
  'dispute-resolution-county-leader.bpmn': dispute('dispute-resolution-county-leader', 'red'),
};

// The colour of each joint operation's status tag, the same on the list and the detail page.
import type { JointOperationStatus } from '../../../domain/jointOperations.js';

export const OPERATION_COLORS: Record<JointOperationStatus, string> = {
  applied: 'orange',
  returned: 'gold',
  refused: 'default',
  approved: 'blue',
  in_progress: 'geekblue',
  completed: 'green',
};

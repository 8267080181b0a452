// Chinese names of the supervisors' roles on file (监管责任人, issue 16 §1), apart from the main labels so
// that the login page and the field pages, which never show them, do not carry them.

export const supervisorRoleLabels = {
  leader: '主管领导',
  supervisor: '监管责任人',
  village_contact: '村居监管责任人',
} as const;

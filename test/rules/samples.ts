// Rule files with mistakes, shared by the message snapshots and the fast-check agreement test.

export const head = 'id: r\nwhen:\n  event: opportunity/status-changed\n';

/** One file per kind of mistake; test/rules/messages.test.ts pins what each one says. */
export const BROKEN_RULES: Record<string, string> = {
  'broken YAML': 'id: [x\n',
  'wrong id': 'id: Bad Id\nwhen: { event: manual }\nsteps: [{ action: stop }]\n',
  'unknown event': 'id: r\nwhen:\n  event: opportunity/status-chnaged\nsteps: [{ action: stop }]\n',
  'unknown action': `${head}steps:\n  - action: sendemail\n    template: x\n`,
  'missing action': `${head}steps:\n  - template: x\n`,
  'unknown key': `${head}  too: won\nsteps: [{ action: stop }]\n`,
  'unknown step key': `${head}steps:\n  - action: render-document\n    templat: contract\n`,
  'wrong type': `${head}steps:\n  - action: wait\n    for: 14\n`,
  'bad duration': `${head}steps:\n  - action: wait\n    for: 2 fortnights\n`,
  'bad enum': `${head}mode: sometimes\nsteps: [{ action: stop }]\n`,
  'empty steps': `${head}steps: []\n`,
  'unknown status': `${head}  to: [wonn]\nsteps: [{ action: stop }]\n`,
  'unknown pipeline': `${head}  pipeline: enrolmnet\nsteps: [{ action: stop }]\n`,
  'unknown template': `${head}steps:\n  - action: send-email\n    template: contract-mial\n`,
  'wrong template kind': `${head}steps:\n  - action: send-email\n    template: contract\n`,
  'unknown attachment': `${head}steps:\n  - action: render-document\n    template: contract\n  - action: send-email\n    template: order-confirmation-mail\n    attach: [contrct]\n`,
  'step after stop': `${head}steps:\n  - action: stop\n  - action: send-email\n    template: order-confirmation-mail\n`,
  'recurring every not dividing a year': `${head}steps:\n  - action: start-recurring\n    every: 5 months\n`,
  'mark-paid without an invoice': `${head}steps:\n  - action: mark-paid\n`,
  'credit note not available': `${head}steps:\n  - action: create-invoice\n    kind: credit-note\n`,
  'invoice fact before create-invoice': `${head}steps:\n  - action: send-email\n    template: proforma-mail\n  - action: create-invoice\n    kind: proforma\n`,
  'schedule every not in months': 'id: r\nwhen:\n  event: schedule\n  every: 2 weeks\nsteps: [{ action: stop }]\n',
  'clock trigger not in whole days': 'id: r\nwhen:\n  event: invoice/overdue\n  by: 36h\nsteps: [{ action: stop }]\n',
  'bad condition': `${head}if:\n  all:\n    - opportunity.amout >= EUR 10.00\n    - opportunity.amount >= 10\nsteps: [{ action: stop }]\n`,
  'unknown condition key': `${head}if:\n  alll: []\nsteps: [{ action: stop }]\n`,
  'wait without for or until': `${head}steps:\n  - action: wait\n`,
  'bad until': `${head}steps:\n  - action: wait\n    until: invoice.dueDate + 3d\n`,
};

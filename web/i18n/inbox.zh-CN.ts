// Chinese strings of the inbox page (通知), registered by ./inbox.ts when the page loads.
export const inboxPageMessages = {
  'inbox.hint': '到期前一天提醒办理人；逾期后提醒办理人和上一级（部门协办逾期告知提出请求的镇街，群众举报核查逾期告知领导小组办公室）。点一条通知查看相关页面并标为已读。',
  'inbox.filter.unread': '未读',
  'inbox.filter.all': '全部',
  'inbox.readAll': '全部标为已读',
  'inbox.empty': '没有通知',
  'inbox.emptyUnread': '没有未读通知',
  'inbox.col.title': '通知',
  'inbox.col.body': '内容',
  'inbox.col.time': '时间',
  'inbox.col.state': '状态',
  'inbox.read': '已读',
  'inbox.new': '未读',
  'inbox.total': '共 {total} 条，未读 {unread} 条',
} as const;

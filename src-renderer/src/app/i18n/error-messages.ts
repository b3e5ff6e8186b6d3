import type { AppError, ErrorCode } from '../../../../src-main/contract';
import { format } from './messages';
import type { Locale } from './locale';

type ErrorCatalog = Record<ErrorCode, string>;

// Every error code the contract declares, in both languages; the compiler refuses a missing one.
const en: ErrorCatalog = {
  'unknown-channel': 'That request is not part of Stillroom.',
  'forbidden-sender': 'That request did not come from a Stillroom window and was refused.',
  'invalid-payload': 'That request was malformed ({path}) and changed nothing.',
  internal: 'Something went wrong inside Stillroom. Nothing was changed.',
  'settings-invalid': 'That setting is not valid ({path}). Nothing was changed.',
  'session-illegal-transition': 'That cannot be done in the session’s current state.',
  'session-locked': 'This session is locked until it ends.',
  'session-wrong-phrase': 'The phrase does not match. Type it exactly as shown.',
  'session-reason-required': 'Give a one-line reason for ending early.',
  'session-invalid-length': 'A session lasts from 5 to 240 minutes.',
  'domain-invalid': 'That is not a valid domain.',
  'guard-refused': 'The guard refused the request.',
  'blocklist-too-large': 'That would block more than one session can hold ({count} of {limit}). Nothing was changed.',
  'blocklist-empty': 'Nothing is on the blocklist. Turn on a list or add a site first.',
  'guard-install-unavailable': 'No administrator prompt can install the guard from here: Settings → Blocking says how to install it.',
  'guard-install-failed': 'The guard could not be set up. Nothing else was changed.',
  'note-not-found': 'That note no longer exists.',
  'note-exists': 'A note with that name already exists.',
  'note-invalid-name': 'That name cannot be used for a note.',
  'note-conflict': 'The note changed on disk since you opened it.',
  'note-write-failed': 'The note could not be saved. Your text is kept.',
  'note-too-large': 'That note is too large to open.',
  'note-not-text': 'That file is not text and cannot be opened as a note.',
  'note-outside-vault': '“{name}” is a link that leads outside the notes folder. Stillroom does not open, change or move what it points to.',
  'note-unreadable': '“{name}” cannot be read. Check the file and its permissions in your file manager.',
  'vault-unusable': 'Notes cannot be kept in {folder}: it needs to be a folder Stillroom can write to ({reason}). Nothing was changed.',
  'export-unavailable': 'PDF export needs the desktop app. Export to HTML and print it from a browser instead.',
  'reflection-not-found': 'That reflection is no longer in the log.',
  'reflection-conflict': 'The reflection’s file changed on disk since you opened it. Open it again; nothing was saved.',
  'reflection-write-failed': 'The reflection could not be written to the vault. Your text is still here.',
  'reflection-import-invalid': 'That file is not a Stillroom reflection export ({reason}). Nothing was imported.',
};

const zhCN: ErrorCatalog = {
  'unknown-channel': '该请求不属于静室。',
  'forbidden-sender': '该请求并非来自静室窗口，已被拒绝。',
  'invalid-payload': '请求格式有误（{path}），未作任何更改。',
  internal: '静室内部出现问题，未作任何更改。',
  'settings-invalid': '该设置无效（{path}），未作任何更改。',
  'session-illegal-transition': '当前专注状态下无法执行此操作。',
  'session-locked': '本次专注已锁定，结束前无法停止。',
  'session-wrong-phrase': '短语不一致，请按显示内容准确输入。',
  'session-reason-required': '提前结束需要写一句理由。',
  'session-invalid-length': '专注时长为 5 到 240 分钟。',
  'domain-invalid': '这不是有效的域名。',
  'guard-refused': '守护进程拒绝了该请求。',
  'blocklist-too-large': '这样要屏蔽的网址超出了一次专注能容纳的上限（{count} / {limit}），未作任何更改。',
  'blocklist-empty': '屏蔽列表是空的。请先开启一个列表或添加网站。',
  'guard-install-unavailable': '此处无法通过管理员授权窗口安装守护进程：请参阅“设置 → 屏蔽”中的说明。',
  'guard-install-failed': '守护进程未能完成设置，其他内容未作更改。',
  'note-not-found': '该笔记已不存在。',
  'note-exists': '已有同名笔记。',
  'note-invalid-name': '该名称不能用作笔记名。',
  'note-conflict': '自打开以来，该笔记已在磁盘上被修改。',
  'note-write-failed': '笔记未能保存，你的文字仍保留着。',
  'note-too-large': '该笔记过大，无法打开。',
  'note-not-text': '该文件不是文本，无法作为笔记打开。',
  'note-outside-vault': '“{name}”是通往笔记文件夹之外的链接。静室不会打开、修改或移动它所指向的内容。',
  'note-unreadable': '“{name}”无法读取。请在文件管理器中检查该文件及其权限。',
  'vault-unusable': '无法把笔记存放在 {folder}：这里需要是静室可以写入的文件夹（{reason}）。设置没有改动。',
  'export-unavailable': '导出 PDF 需要桌面应用。可以先导出为 HTML，再在浏览器中打印。',
  'reflection-not-found': '日志中已没有这条回顾。',
  'reflection-conflict': '自打开以来，这条回顾的文件已在磁盘上被修改。请重新打开；未作保存。',
  'reflection-write-failed': '回顾未能写入笔记库，你的文字仍保留着。',
  'reflection-import-invalid': '该文件不是静室导出的回顾（{reason}），未导入任何内容。',
};

const catalogs: Record<Locale, ErrorCatalog> = { en, 'zh-CN': zhCN };

export function describeError(error: AppError, locale: Locale): string {
  return format(locale, catalogs[locale][error.code], { path: '', ...error.params });
}

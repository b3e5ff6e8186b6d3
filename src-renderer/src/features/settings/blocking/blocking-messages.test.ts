import { describe, expect, it } from 'vitest';
import { DomainRejection } from '../../../../../src-main/contract/blocking';
import { translate } from '../../../app/i18n/messages';
import { blockingDetail, blockingMessages, rejectionMessages } from './blocking-messages';

describe('blocking messages', () => {
  it('read the local-server detail of an active blocking protection, in both languages', () => {
    const detail = blockingDetail('local-server:80,443');
    expect(detail).toEqual({ key: 'protection.local-server', params: { ports: '80, 443' } });
    expect(translate(blockingMessages, 'en', detail!.key, detail!.params)).toBe('A web server on this computer (port 80, 443) will answer for blocked sites.');
    expect(translate(blockingMessages, 'zh-CN', detail!.key, detail!.params)).toBe('本机有网页服务器（端口 80, 443），被屏蔽的网站会由它应答。');
    expect(blockingDetail(undefined)).toBeNull();
    expect(blockingDetail('local-server:')).toBeNull();
    expect(blockingDetail('something else')).toBeNull();
  });

  it('give every rejection reason a sentence in both languages', () => {
    for (const reason of DomainRejection.options) {
      expect(rejectionMessages.en[reason]).toMatch(/\.$/);
      expect(rejectionMessages['zh-CN'][reason]).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});

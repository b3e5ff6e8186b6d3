import { describe, expect, it } from 'vitest';
import { DomainRejection } from '../../../../../src-main/contract/blocking';
import { rejectionMessages } from './blocking-messages';

describe('blocking messages', () => {
  it('give every rejection reason a sentence in both languages', () => {
    for (const reason of DomainRejection.options) {
      expect(rejectionMessages.en[reason]).toMatch(/\.$/);
      expect(rejectionMessages['zh-CN'][reason]).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});

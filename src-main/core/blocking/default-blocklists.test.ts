import { describe, expect, it } from 'vitest';
import { BlocklistCategoryId, BlockingPrefs } from '../../contract/blocking';
import raw from '../../../resources/blocklists/default-blocklists.json' with { type: 'json' };
import { Blocklist } from './blocklist';
import { defaultBlocklists, parseBlocklistData } from './default-blocklists';
import { parseHostname } from '../../base/hostname';

const everything = new Blocklist(defaultBlocklists, BlockingPrefs.parse({ enabledCategories: BlocklistCategoryId.options, allow: [] }));

describe('the built-in blocklists', () => {
  it('never reach a work tool, in any category, after expansion', () => {
    const { hosts, trees } = defaultBlocklists.neverBlock;
    const result = everything.expandToHostnames();
    if (!result.ok) throw new Error('the built-in lists alone exceed a lease');
    const reached = result.hostnames.filter(
      (host) => hosts.includes(host) || trees.some((tree) => host === tree || host.endsWith(`.${tree}`)),
    );
    expect(reached).toEqual([]);
    // The work tools this guards against, named so that emptying the never-block list fails this test.
    expect(hosts).toEqual(expect.arrayContaining(['qq.com', 'baidu.com', 'accounts.youtube.com']));
    expect(trees).toEqual(expect.arrayContaining(['feishu.cn', 'bytedance.com']));
  });

  it('hold only hostnames that pass the shared validator unchanged', () => {
    const result = everything.expandToHostnames();
    if (!result.ok) throw new Error('too many');
    for (const host of result.hostnames) expect(parseHostname(host)).toEqual({ ok: true, hostname: host });
  });

  it('cover the feed and video sites the research names, in both regions', () => {
    const domains = new Map(defaultBlocklists.categories.map((c) => [c.id, c.sites.map((s) => s.domain)]));
    expect(domains.get('global-feeds')).toEqual(
      expect.arrayContaining(['x.com', 'twitter.com', 'reddit.com', 'instagram.com', 'facebook.com', 'tiktok.com', 'threads.net', 'bsky.app', 'pinterest.com', 'tumblr.com', '9gag.com', 'imgur.com']),
    );
    expect(domains.get('global-video')).toEqual(
      expect.arrayContaining(['youtube.com', 'youtu.be', 'twitch.tv', 'netflix.com', 'vimeo.com', 'dailymotion.com', 'primevideo.com', 'hulu.com', 'disneyplus.com']),
    );
    expect(domains.get('chinese-feeds')).toEqual(
      expect.arrayContaining(['xiaohongshu.com', 'xhslink.com', 'weibo.com', 'zhihu.com', 'toutiao.com', 'tieba.baidu.com']),
    );
    expect(domains.get('chinese-video')).toEqual(
      expect.arrayContaining(['bilibili.com', 'b23.tv', 'douyin.com', 'kuaishou.com', 'ixigua.com', 'iqiyi.com', 'youku.com', 'douyu.com', 'huya.com', 'v.qq.com']),
    );
    expect(domains.get('news')).toEqual(expect.arrayContaining(['news.ycombinator.com', 'cnn.com', 'bbc.com', 'nytimes.com', 'theguardian.com']));
  });

  it('carry path rules only in the feed lists: YouTube Shorts and Bilibili’s popular page', () => {
    const paths = new Map(defaultBlocklists.categories.map((c) => [c.id, c.paths]));
    expect(paths.get('global-feeds')).toEqual(['youtube.com/shorts']);
    expect(paths.get('chinese-feeds')).toEqual(['bilibili.com/v/popular']);
    // Only feeds carry paths: video lists block their sites whole, news is a choice, not an algorithmic stream.
    for (const id of ['global-video', 'chinese-video', 'news'] as const) expect(paths.get(id)).toEqual([]);
  });

  it('refuse a path that is not canonical, a whole site written as a path, or a wildcard', () => {
    const withPaths = (paths: string[]) => {
      const copy = structuredClone(raw) as typeof raw & { categories: { paths?: string[] }[] };
      copy.categories[0]!.paths = paths;
      return () => parseBlocklistData(copy);
    };
    expect(withPaths(['YouTube.com/shorts'])).toThrow();
    expect(withPaths(['youtube.com'])).toThrow();
    expect(withPaths(['*.youtube.com/shorts'])).toThrow();
    expect(withPaths(['youtube.com/shorts/'])).toThrow();
    expect(withPaths(['youtube.com/shorts'])).not.toThrow();
  });

  it('name every category in both languages', () => {
    for (const category of defaultBlocklists.categories) {
      expect(category.names.en).not.toBe('');
      expect(category.names['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('refuse data that would not be safe to expand', () => {
    const broken = (mutate: (data: typeof raw) => void) => {
      const copy = structuredClone(raw);
      mutate(copy);
      return () => parseBlocklistData(copy);
    };
    expect(broken((d) => (d.categories[0]!.sites[0]!.domain = 'Face Book.com'))).toThrow();
    expect(broken((d) => (d.categories[0]!.sites[0]!.domain = 'FACEBOOK.com'))).toThrow();
    expect(broken((d) => (d.categories[0]!.sites[0]!.subdomains = ['a b']))).toThrow();
    expect(broken((d) => (d.categories[0]!.sites[0]!.subdomains = ['x'.repeat(64)]))).toThrow();
    expect(broken((d) => (d.categories[0]!.id = 'games'))).toThrow();
    expect(broken((d) => d.categories.pop())).toThrow();
    expect(() => parseBlocklistData(raw)).not.toThrow();
  });
});

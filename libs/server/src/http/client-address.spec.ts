import { limitKeyOf } from './client-address';

describe('limitKeyOf', () => {
  it('counts every address of one IPv6 /64 as one client, however it is written', () => {
    const key = limitKeyOf('2001:db8:abcd:12::1');
    expect(key).toBe('2001:db8:abcd:12::/64');
    expect(limitKeyOf('2001:0DB8:abcd:0012:ffff:1:2:3')).toBe(key);
    expect(limitKeyOf('2001:db8:abcd:13::1')).not.toBe(key);
    expect(limitKeyOf('::1')).toBe('0:0:0:0::/64');
  });

  it('keeps IPv4 addresses, also when IPv4-mapped, and anything unparsed, as they are', () => {
    expect(limitKeyOf('203.0.113.7')).toBe('203.0.113.7');
    expect(limitKeyOf('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(limitKeyOf('unknown')).toBe('unknown');
  });
});

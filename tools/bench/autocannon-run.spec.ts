import { shareOf } from './autocannon-run';

it('shows a rate as a share of the machine baseline, with a decimal for small shares', () => {
  expect([shareOf(500, 10_000), shareOf(2_500, 10_000), shareOf(10_000, 10_000), shareOf(1, 0)]).toEqual(['5.0%', '25%', '100%', '-']);
});

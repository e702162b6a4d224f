import { Equals, IsInt, IsString } from 'class-validator';

export class TokenResponseView {
  @IsString() access_token!: string;
  @Equals('bearer') token_type!: 'bearer';
  /** Seconds until the access token expires. */
  @IsInt() expires_in!: number;
  @IsString() refresh_token!: string;
}

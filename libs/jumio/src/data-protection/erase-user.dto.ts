import { IsString, Length } from 'class-validator';

/** Body of `!eraseUser`. */
export class EraseUserDto {
  /** The host's id of the user whose personal data is erased (as `resolveUserId` returns it). */
  @IsString()
  @Length(1, 255)
  userId: string;
}

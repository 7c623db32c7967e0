import { IsIn, ValidateIf } from 'class-validator';
import { POI_ID_TYPES, type PoiIdType } from '../../common/jumio-codes';
import { IsJumioCountry } from '../../common/jumio-validators';

const hasPreset = (dto: StartPoiScanDto) => dto.country !== undefined || dto.idType !== undefined;

/** Mobile POI start. An optional ID preset for the SDK: when given, send both fields. */
export class StartPoiScanDto {
  /** Issuing country of the ID to preselect (ISO 3166-1 alpha-3, or XKX). */
  @ValidateIf(hasPreset)
  @IsJumioCountry()
  country?: string;

  /** ID type to preselect. */
  @ValidateIf(hasPreset)
  @IsIn(POI_ID_TYPES)
  idType?: PoiIdType;
}

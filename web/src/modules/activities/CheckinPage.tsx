import { useState } from 'react';
import { Alert, Button, Card, Input, Result, Typography } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router-dom';
import { ATTENDANCE, type Attendance } from '@xieshang/shared';
import { api } from '../../api/client';
import { formatTime } from '../../format';
import './activities.css';

interface CheckinResult {
  eventId: string;
  title: string;
  attendance: Attendance;
  checkedInAt: string;
  already: boolean;
}

/** 签到: the phone page members reach by scanning the venue's QR code or by typing its six digits. */
export default function CheckinPage() {
  const [params] = useSearchParams();
  const [code, setCode] = useState(params.get('code') ?? '');
  const checkin = useMutation({ mutationFn: () => api.post<CheckinResult>('/api/v1/activities/checkin', { checkinCode: code.trim() }) });
  if (checkin.data) {
    const r = checkin.data;
    return (
      <Card className="xs-act-checkin">
        <Result
          status={r.attendance === 'late' ? 'warning' : 'success'}
          title={r.already ? '您已签到' : `签到成功（${ATTENDANCE[r.attendance]}）`}
          subTitle={`${r.title} · ${formatTime(r.checkedInAt)}`}
          extra={
            <Link to={`/activities/events/${r.eventId}`}>
              <Button>查看活动</Button>
            </Link>
          }
        />
      </Card>
    );
  }
  return (
    <Card className="xs-act-checkin" title="活动签到">
      <Typography.Paragraph>请输入会场公布的 6 位签到码，或用手机扫描会场的二维码。</Typography.Paragraph>
      <Input
        inputMode="numeric"
        maxLength={6}
        placeholder="签到码"
        aria-label="签到码"
        value={code}
        onChange={(e) => setCode(e.target.value.replace(/\D/g, ''))}
        onPressEnter={() => code.length === 6 && checkin.mutate()}
      />
      {checkin.error && <Alert type="error" showIcon style={{ marginTop: 12 }} message={(checkin.error as Error).message} />}
      <Button
        type="primary"
        block
        size="large"
        style={{ marginTop: 16 }}
        disabled={code.length !== 6}
        loading={checkin.isPending}
        onClick={() => checkin.mutate()}
      >
        签到
      </Button>
    </Card>
  );
}
